-- Session fields edited between the sides (a date, a venue, a title corrected): one row per
-- session present on both and field whose value differs, in the order of the sessions table's
-- columns. Values are compared as text.
WITH old_text AS (SELECT session_id, COLUMNS(* EXCLUDE (session_id))::VARCHAR FROM old_side.sessions),
     new_text AS (SELECT session_id, COLUMNS(* EXCLUDE (session_id))::VARCHAR FROM new_side.sessions),
     old_fields AS (SELECT * FROM old_text UNPIVOT INCLUDE NULLS (value FOR field IN (COLUMNS(* EXCLUDE (session_id))))),
     new_fields AS (SELECT * FROM new_text UNPIVOT INCLUDE NULLS (value FOR field IN (COLUMNS(* EXCLUDE (session_id))))),
     field_order AS (
         SELECT column_name AS field, column_index AS position
         FROM duckdb_columns()
         WHERE database_name = 'new_side' AND table_name = 'sessions'
     )
SELECT o.session_id, if($lang = 'zh', s.title_zh, s.title_en) AS title, o.field, o.value AS before, n.value AS after
FROM old_fields o
JOIN new_fields n ON n.session_id = o.session_id AND n.field = o.field
JOIN new_side.sessions s ON s.session_id = o.session_id
JOIN field_order f ON f.field = o.field
WHERE o.value IS DISTINCT FROM n.value
ORDER BY s.sequence, f.position

-- Item fields edited between the sides: one row per item present on both and field whose value
-- differs, in the order of the items table's columns. Values are compared as text.
WITH old_text AS (SELECT item_id, COLUMNS(* EXCLUDE (item_id))::VARCHAR FROM old_side.items),
     new_text AS (SELECT item_id, COLUMNS(* EXCLUDE (item_id))::VARCHAR FROM new_side.items),
     old_fields AS (SELECT * FROM old_text UNPIVOT INCLUDE NULLS (value FOR field IN (COLUMNS(* EXCLUDE (item_id))))),
     new_fields AS (SELECT * FROM new_text UNPIVOT INCLUDE NULLS (value FOR field IN (COLUMNS(* EXCLUDE (item_id))))),
     field_order AS (
         SELECT column_name AS field, column_index AS position
         FROM duckdb_columns()
         WHERE database_name = 'new_side' AND table_name = 'items'
     )
SELECT o.item_id, s.title, o.field, o.value AS before, n.value AS after
FROM old_fields o
JOIN new_fields n ON n.item_id = o.item_id AND n.field = o.field
JOIN side_items s ON s.side = 'new' AND s.item_id = o.item_id
JOIN field_order f ON f.field = o.field
WHERE o.value IS DISTINCT FROM n.value
ORDER BY o.item_id, f.position

-- Sessions on side $side ('old' or 'new') that the other side does not have: removed or added.
WITH both_sides AS (
    SELECT 'old' AS side, s.*, if($lang = 'zh', b.label_zh, b.label_en) AS body_label
    FROM old_side.sessions s JOIN old_side.bodies b USING (body)
    UNION ALL BY NAME
    SELECT 'new' AS side, s.*, if($lang = 'zh', b.label_zh, b.label_en) AS body_label
    FROM new_side.sessions s JOIN new_side.bodies b USING (body)
)
SELECT session_id, body, body_label, number, sequence, if($lang = 'zh', title_zh, title_en) AS title,
       start_date::VARCHAR AS start_date, end_date::VARCHAR AS end_date
FROM both_sides
WHERE side = $side
  AND session_id NOT IN (SELECT session_id FROM both_sides WHERE side <> $side)
ORDER BY sequence, session_id

-- Every item of one side of a diff (run against that side's database), with its labels in
-- $lang and its rolled-up status now (item_status from rollup.sql; NULL while it has no link).
SELECT i.item_id, i.kind, if($lang = 'zh', k.label_zh, k.label_en) AS kind_label,
       i.heading, if($lang = 'zh', h.label_zh, h.label_en) AS heading_label,
       if($lang = 'zh', i.title_zh, i.title_en) AS title,
       r.status, if($lang = 'zh', st.label_zh, st.label_en) AS status_label,
       h.sort_order AS heading_order
FROM items i
JOIN kinds k USING (kind)
JOIN headings h USING (heading)
LEFT JOIN item_status(NULL) r USING (item_id)
LEFT JOIN statuses st USING (status)

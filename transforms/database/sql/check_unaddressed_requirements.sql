-- Plan requirements (by Plan paragraph) no session has addressed as of $as_of: no link that
-- took the item up (pending) or concluded it (done). As-of follows the Overview's and the Plan
-- view's rule (item_status): with $as_of set, only requirements a session up to then had recorded
-- (proposed); with no $as_of, every requirement the record holds, also one no session has
-- recorded yet (status NULL, which the report words: transforms.reports.check).
SELECT i.plan_paragraph, i.item_id, if($lang = 'zh', h.label_zh, h.label_en) AS heading_label,
       if($lang = 'zh', i.title_zh, i.title_en) AS title, r.status
FROM items i
JOIN headings h USING (heading)
LEFT JOIN item_status($as_of) r USING (item_id)
WHERE i.kind = 'requirement' AND (r.status = 'proposed' OR ($as_of IS NULL AND r.status IS NULL))
ORDER BY i.plan_paragraph, i.item_id

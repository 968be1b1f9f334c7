-- Plan requirements (by Plan paragraph) no session has addressed as of $as_of: no link that
-- took the item up (pending) or concluded it (done): proposed, or not on the record yet (status NULL).
SELECT i.plan_paragraph, i.item_id, if($lang = 'zh', h.label_zh, h.label_en) AS heading_label,
       if($lang = 'zh', i.title_zh, i.title_en) AS title, r.status
FROM items i
JOIN headings h USING (heading)
LEFT JOIN item_status($as_of) r USING (item_id)
WHERE i.kind = 'requirement' AND (r.status IS NULL OR r.status = 'proposed')
ORDER BY i.plan_paragraph, i.item_id

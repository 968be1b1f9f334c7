-- Plan headings where no item has been taken up (pending) or concluded (done) as of $as_of.
-- None while no item of any kind is on the record then (as of a session before the first that
-- recorded one): the report says so instead (transforms.reports.check, Check.nothing_on_record).
SELECT h.heading, if($lang = 'zh', h.label_zh, h.label_en) AS heading_label,
       count(r.item_id)::INTEGER AS items_on_record
FROM headings h
LEFT JOIN items i USING (heading)
LEFT JOIN item_status($as_of) r USING (item_id)
WHERE EXISTS (SELECT 1 FROM item_status($as_of))
GROUP BY h.heading, h.label_zh, h.label_en, h.sort_order
HAVING count(*) FILTER (WHERE r.status IN ('done', 'pending')) = 0
ORDER BY h.sort_order

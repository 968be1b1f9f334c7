-- Where each heading was addressed: links per heading and session, by status recorded there.
SELECT h.heading, if($lang = 'zh', h.label_zh, h.label_en) AS heading_label,
       s.session_id, s.sequence, if($lang = 'zh', s.title_zh, s.title_en) AS session_title,
       count(l.item_id) FILTER (WHERE l.status = 'done')::BIGINT     AS done,
       count(l.item_id) FILTER (WHERE l.status = 'pending')::BIGINT  AS pending,
       count(l.item_id) FILTER (WHERE l.status = 'proposed')::BIGINT AS proposed,
       count(l.item_id)::BIGINT AS total
FROM headings h
CROSS JOIN sessions s
LEFT JOIN filtered_links($as_of, $headings, $statuses, $kinds) l
       ON l.heading = h.heading AND l.session_id = s.session_id
WHERE s.sequence <= as_of_sequence($as_of)
  AND (len($headings) = 0 OR list_contains($headings, h.heading))
GROUP BY h.heading, heading_label, h.sort_order, s.session_id, s.sequence, session_title
ORDER BY h.sort_order, s.sequence

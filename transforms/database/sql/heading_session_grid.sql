-- Where each heading was addressed: links per heading and session, by status recorded there.
WITH counted AS (
    SELECT heading, session_id,
           sum(links) FILTER (WHERE status = 'done')     AS done,
           sum(links) FILTER (WHERE status = 'pending')  AS pending,
           sum(links) FILTER (WHERE status = 'proposed') AS proposed
    FROM session_counts
    WHERE kept(heading, kind, status, $headings, $statuses, $kinds)
    GROUP BY heading, session_id
)
SELECT h.heading, if($lang = 'zh', h.label_zh, h.label_en) AS heading_label,
       s.session_id, s.sequence, if($lang = 'zh', s.title_zh, s.title_en) AS session_title,
       coalesce(c.done, 0)::BIGINT     AS done,
       coalesce(c.pending, 0)::BIGINT  AS pending,
       coalesce(c.proposed, 0)::BIGINT AS proposed,
       (coalesce(c.done, 0) + coalesce(c.pending, 0) + coalesce(c.proposed, 0))::BIGINT AS total
FROM headings h
CROSS JOIN sessions s
LEFT JOIN counted c ON c.heading = h.heading AND c.session_id = s.session_id
WHERE s.sequence <= as_of_sequence($as_of)
  AND (len($headings) = 0 OR list_contains($headings, h.heading))
ORDER BY h.sort_order, s.sequence

-- What each session (up to as_of) adopted (done), deferred (pending) and proposed.
WITH counted AS (
    SELECT session_id,
           sum(links) FILTER (WHERE status = 'done')     AS done,
           sum(links) FILTER (WHERE status = 'pending')  AS pending,
           sum(links) FILTER (WHERE status = 'proposed') AS proposed
    FROM session_counts
    WHERE kept(heading, kind, status, $headings, $statuses, $kinds)
    GROUP BY session_id
)
SELECT s.session_id, s.sequence, s.body,
       if($lang = 'zh', b.label_zh, b.label_en) AS body_label,
       if($lang = 'zh', s.title_zh, s.title_en) AS title,
       s.start_date, s.end_date,
       coalesce(c.done, 0)::BIGINT     AS done,
       coalesce(c.pending, 0)::BIGINT  AS pending,
       coalesce(c.proposed, 0)::BIGINT AS proposed,
       (coalesce(c.done, 0) + coalesce(c.pending, 0) + coalesce(c.proposed, 0))::BIGINT AS total
FROM sessions s
JOIN bodies b USING (body)
LEFT JOIN counted c USING (session_id)
WHERE s.sequence <= as_of_sequence($as_of)
ORDER BY s.sequence

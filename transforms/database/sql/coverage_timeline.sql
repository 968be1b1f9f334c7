-- Coverage per heading as it stood after each session (up to the as-of session): the running
-- sum of coverage_steps over the sessions. After every session S it equals
-- coverage_by_heading with as_of = S.
WITH steps AS (
    SELECT heading, sequence, status, sum(delta) AS delta
    FROM coverage_steps
    WHERE kept(heading, kind, status, $headings, $statuses, $kinds)
    GROUP BY ALL
), grid AS (
    SELECT s.session_id, s.sequence, if($lang = 'zh', s.title_zh, s.title_en) AS session_title,
           h.heading, if($lang = 'zh', h.label_zh, h.label_en) AS heading_label, h.sort_order,
           st.status
    FROM sessions s, headings h, statuses st
    WHERE s.sequence <= as_of_sequence($as_of)
      AND (len($headings) = 0 OR list_contains($headings, h.heading))
), running AS (
    SELECT g.*, sum(coalesce(d.delta, 0)) OVER (PARTITION BY g.heading, g.status ORDER BY g.sequence) AS items
    FROM grid g
    LEFT JOIN steps d USING (heading, sequence, status)
)
SELECT session_id, sequence, session_title, heading, heading_label,
       sum(items) FILTER (WHERE status = 'done')::BIGINT     AS done,
       sum(items) FILTER (WHERE status = 'pending')::BIGINT  AS pending,
       sum(items) FILTER (WHERE status = 'proposed')::BIGINT AS proposed,
       sum(items)::BIGINT AS total
FROM running
GROUP BY session_id, sequence, session_title, heading, heading_label, sort_order
ORDER BY sequence, sort_order

-- Coverage per heading: how many items stand at each status, and their shares of the heading.
WITH counted AS (
    SELECT heading, status, sum(delta) AS items
    FROM coverage_steps
    WHERE sequence <= as_of_sequence($as_of) AND kept(heading, kind, status, $headings, $statuses, $kinds)
    GROUP BY heading, status
), filled AS (
    SELECT h.heading,
           if($lang = 'zh', h.label_zh, h.label_en) AS heading_label,
           h.sort_order,
           coalesce(sum(c.items) FILTER (WHERE c.status = 'done'), 0)::BIGINT     AS done,
           coalesce(sum(c.items) FILTER (WHERE c.status = 'pending'), 0)::BIGINT  AS pending,
           coalesce(sum(c.items) FILTER (WHERE c.status = 'proposed'), 0)::BIGINT AS proposed
    FROM headings h
    LEFT JOIN counted c USING (heading)
    WHERE len($headings) = 0 OR list_contains($headings, h.heading)
    GROUP BY h.heading, heading_label, h.sort_order
)
SELECT heading, heading_label, done, pending, proposed,
       done + pending + proposed AS total,
       round(done     / nullif(done + pending + proposed, 0), 4) AS done_share,
       round(pending  / nullif(done + pending + proposed, 0), 4) AS pending_share,
       round(proposed / nullif(done + pending + proposed, 0), 4) AS proposed_share
FROM filled
ORDER BY sort_order

-- Coverage per heading: how many items stand at each status, and their shares of the heading.
WITH counted AS (
    SELECT heading,
           count(*) FILTER (WHERE status = 'done')     AS done,
           count(*) FILTER (WHERE status = 'pending')  AS pending,
           count(*) FILTER (WHERE status = 'proposed') AS proposed
    FROM filtered_items($as_of, $headings, $statuses, $kinds)
    GROUP BY heading
), filled AS (
    SELECT h.heading,
           if($lang = 'zh', h.label_zh, h.label_en) AS heading_label,
           h.sort_order,
           coalesce(c.done, 0)::BIGINT     AS done,
           coalesce(c.pending, 0)::BIGINT  AS pending,
           coalesce(c.proposed, 0)::BIGINT AS proposed
    FROM headings h
    LEFT JOIN counted c USING (heading)
    WHERE len($headings) = 0 OR list_contains($headings, h.heading)
)
SELECT heading, heading_label, done, pending, proposed,
       done + pending + proposed AS total,
       round(done     / nullif(done + pending + proposed, 0), 4) AS done_share,
       round(pending  / nullif(done + pending + proposed, 0), 4) AS pending_share,
       round(proposed / nullif(done + pending + proposed, 0), 4) AS proposed_share
FROM filled
ORDER BY sort_order

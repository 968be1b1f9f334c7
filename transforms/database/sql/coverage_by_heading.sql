-- Coverage per heading: how many items stand at each status, and their shares of the heading.
-- The status filter narrows the counts listed (done, pending, proposed, total), never the
-- denominator: on_record counts every item of the heading (and kinds) on the record as of
-- $as_of whatever its status, and the shares are of on_record.
WITH on_record AS (
    SELECT heading, sum(delta) AS items
    FROM coverage_steps
    WHERE sequence <= as_of_sequence($as_of) AND kept(heading, kind, status, $headings, [], $kinds)
    GROUP BY heading
), counted AS (
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
           coalesce(sum(c.items) FILTER (WHERE c.status = 'proposed'), 0)::BIGINT AS proposed,
           coalesce(any_value(o.items), 0)::BIGINT AS on_record
    FROM headings h
    LEFT JOIN counted c USING (heading)
    LEFT JOIN on_record o ON o.heading = h.heading
    WHERE len($headings) = 0 OR list_contains($headings, h.heading)
    GROUP BY h.heading, heading_label, h.sort_order
)
SELECT heading, heading_label, done, pending, proposed,
       done + pending + proposed AS total,
       if(len($statuses) = 0 OR list_contains($statuses, 'done'), round(done / nullif(on_record, 0), 4), NULL)
           AS done_share,  -- NULL: the status filter leaves this status out
       if(len($statuses) = 0 OR list_contains($statuses, 'pending'), round(pending / nullif(on_record, 0), 4), NULL)
           AS pending_share,  -- NULL: the status filter leaves this status out
       if(len($statuses) = 0 OR list_contains($statuses, 'proposed'), round(proposed / nullif(on_record, 0), 4), NULL)
           AS proposed_share,  -- NULL: the status filter leaves this status out
       on_record,
       -- which kinds of item are counted (a share mixing kinds says so)
       array_to_string(if(len($kinds) = 0, (SELECT list(kind ORDER BY sort_order) FROM kinds), $kinds), '; ')
           AS kinds_counted
FROM filled
ORDER BY sort_order

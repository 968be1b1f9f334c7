-- Headings whose coverage moved: each side's coverage_by_heading rows (staged in side_coverage
-- with a `side` column), before, after and the change, only where a number differs.
WITH o AS (SELECT * FROM side_coverage WHERE side = 'old'),
     n AS (SELECT * FROM side_coverage WHERE side = 'new'),
     joined AS (
    SELECT coalesce(n.heading, o.heading) AS heading, coalesce(n.heading_label, o.heading_label) AS heading_label,
           coalesce(o.done, 0) AS done_before, coalesce(o.pending, 0) AS pending_before,
           coalesce(o.proposed, 0) AS proposed_before, coalesce(o.total, 0) AS total_before,
           coalesce(n.done, 0) AS done_after, coalesce(n.pending, 0) AS pending_after,
           coalesce(n.proposed, 0) AS proposed_after, coalesce(n.total, 0) AS total_after
    FROM o FULL JOIN n ON n.heading = o.heading
)
SELECT j.*,
       done_after - done_before AS done_change, pending_after - pending_before AS pending_change,
       proposed_after - proposed_before AS proposed_change, total_after - total_before AS total_change
FROM joined j
LEFT JOIN new_side.headings nh ON nh.heading = j.heading
LEFT JOIN old_side.headings oh ON oh.heading = j.heading
WHERE (done_before, pending_before, proposed_before) IS DISTINCT FROM (done_after, pending_after, proposed_after)
ORDER BY coalesce(nh.sort_order, oh.sort_order), j.heading

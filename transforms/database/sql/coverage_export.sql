-- `gaptrack export coverage`: coverage per heading, for each of the two questions apart
-- (transforms/database/coverage.py QUESTIONS): `plan` counts Plan requirements, `own` the Working
-- Group's recommendations and topics; the two sets are never added together. Each question
-- ends with its total row over the headings listed ($all_headings, heading empty), the figure
-- the Overview and `gaptrack summary` show. A question whose kinds the kind filter leaves out
-- has no rows. As on the Overview, a share is of on_record: the items of the question's set on
-- the record as of $as_of whatever their status (the status filter narrows the counts, never the
-- denominator), and is empty for a status the filter leaves out.
WITH questions AS (
    SELECT * FROM (VALUES ('plan', 1, ['requirement']), ('own', 2, ['recommendation', 'topic']))
        t(question, question_order, question_kinds)
), asked AS (
    SELECT question, question_order,
           list_filter(question_kinds, lambda k: len($kinds) = 0 OR list_contains($kinds, k)) AS kinds_in
    FROM questions
), answered AS (
    SELECT * FROM asked WHERE len(kinds_in) > 0
), counted AS (
    SELECT a.question, c.heading, c.status, sum(c.delta) AS items,
           len($statuses) = 0 OR list_contains($statuses, c.status) AS shown  -- in the counts, not only on record
    FROM coverage_steps c
    JOIN answered a ON list_contains(a.kinds_in, c.kind)
    WHERE c.sequence <= as_of_sequence($as_of) AND kept(c.heading, c.kind, c.status, $headings, [], $kinds)
    GROUP BY a.question, c.heading, c.status
), filled AS (
    SELECT a.question, a.question_order, a.kinds_in, h.heading,
           if($lang = 'zh', h.label_zh, h.label_en) AS heading_label,
           h.sort_order,
           coalesce(sum(c.items) FILTER (WHERE c.status = 'done' AND c.shown), 0)::BIGINT     AS done,
           coalesce(sum(c.items) FILTER (WHERE c.status = 'pending' AND c.shown), 0)::BIGINT  AS pending,
           coalesce(sum(c.items) FILTER (WHERE c.status = 'proposed' AND c.shown), 0)::BIGINT AS proposed,
           coalesce(sum(c.items), 0)::BIGINT AS on_record  -- whatever the status
    FROM answered a
    CROSS JOIN headings h
    LEFT JOIN counted c ON c.question = a.question AND c.heading = h.heading
    WHERE len($headings) = 0 OR list_contains($headings, h.heading)
    GROUP BY a.question, a.question_order, a.kinds_in, h.heading, heading_label, h.sort_order
), with_total AS (
    SELECT * FROM filled
    UNION ALL
    SELECT question, question_order, kinds_in, NULL, $all_headings, 2147483647,
           sum(done)::BIGINT, sum(pending)::BIGINT, sum(proposed)::BIGINT, sum(on_record)::BIGINT
    FROM filled
    GROUP BY question, question_order, kinds_in
)
SELECT question, heading, heading_label, done, pending, proposed,
       done + pending + proposed AS total,
       -- NULL: the status filter leaves this status out
       if(len($statuses) = 0 OR list_contains($statuses, 'done'), round(done / nullif(on_record, 0), 4), NULL)
           AS done_share,
       if(len($statuses) = 0 OR list_contains($statuses, 'pending'), round(pending / nullif(on_record, 0), 4), NULL)
           AS pending_share,
       if(len($statuses) = 0 OR list_contains($statuses, 'proposed'), round(proposed / nullif(on_record, 0), 4), NULL)
           AS proposed_share,
       on_record,
       array_to_string(kinds_in, '; ') AS kinds_counted
FROM with_total
ORDER BY question_order, sort_order

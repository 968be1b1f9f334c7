-- The Plan view: every Plan requirement the record holds, under its heading, with its own
-- status as of $as_of (NULL: no session has recorded it yet) and each item that addresses it
-- (data/addresses.csv) with that item's status then and the session where it reached it.
-- One row per requirement and addressing item; a requirement nothing addresses has one row
-- with the item columns NULL.
-- Filters: $headings and $statuses narrow the requirements (their own heading and status);
-- $kinds narrows the addressing items listed, not the counts (addressing_*), which are of every
-- addressing item on the record as of $as_of; $curated = false leaves out the relations the
-- editors judged (basis curated), from the list and the counts.
-- As-of follows the Overview's rule (item_status): with $as_of set, a requirement or an item is
-- listed only once a session up to $as_of has recorded it. With no $as_of, every requirement the
-- record holds is listed, also one no session has recorded yet.
WITH reached AS (
    SELECT item_id, max(sequence) AS sequence
    FROM status_rises WHERE sequence <= as_of_sequence($as_of) GROUP BY item_id
), requirements AS (
    SELECT i.item_id, i.heading, i.plan_paragraph, i.title_en, i.title_zh, r.status
    FROM items i
    LEFT JOIN item_status($as_of) r USING (item_id)
    WHERE i.kind = 'requirement'
      AND (len($headings) = 0 OR list_contains($headings, i.heading))
      AND (len($statuses) = 0 OR list_contains($statuses, r.status))
      AND ($as_of IS NULL OR r.status IS NOT NULL)
), every_relation AS (
    SELECT a.requirement_id, a.item_id, a.basis,
           if($lang = 'zh', a.rationale_zh, a.rationale_en) AS rationale,
           i.kind, if($lang = 'zh', i.title_zh, i.title_en) AS title, r.status
    FROM addresses a
    JOIN items i ON i.item_id = a.item_id
    JOIN item_status($as_of) r ON r.item_id = a.item_id
    WHERE (coalesce($curated, true) OR a.basis = 'source')
), counts AS (
    SELECT requirement_id, count(*) AS addressing_count,
           count(*) FILTER (WHERE status = 'done') AS addressing_done,
           count(*) FILTER (WHERE basis = 'curated') AS addressing_curated
    FROM every_relation GROUP BY requirement_id
), relations AS (
    SELECT * FROM every_relation WHERE len($kinds) = 0 OR list_contains($kinds, kind)
)
SELECT q.heading, if($lang = 'zh', h.label_zh, h.label_en) AS heading_label,
       q.item_id AS requirement_id, q.plan_paragraph,
       if($lang = 'zh', q.title_zh, q.title_en) AS requirement_title,
       q.status AS requirement_status,
       if($lang = 'zh', qs.label_zh, qs.label_en) AS requirement_status_label,
       if($lang = 'zh', qsess.title_zh, qsess.title_en) AS requirement_status_at,
       x.item_id, x.kind AS item_kind, if($lang = 'zh', k.label_zh, k.label_en) AS item_kind_label,
       x.title AS item_title, x.status AS item_status,
       if($lang = 'zh', xs.label_zh, xs.label_en) AS item_status_label,
       if($lang = 'zh', xsess.title_zh, xsess.title_en) AS item_status_at,
       x.basis, x.rationale,
       coalesce(c.addressing_count, 0) AS addressing_count,
       coalesce(c.addressing_done, 0) AS addressing_done,
       coalesce(c.addressing_curated, 0) AS addressing_curated
FROM requirements q
JOIN headings h USING (heading)
LEFT JOIN statuses qs ON qs.status = q.status
LEFT JOIN reached qr ON qr.item_id = q.item_id
LEFT JOIN sessions qsess ON qsess.sequence = qr.sequence
LEFT JOIN counts c ON c.requirement_id = q.item_id
LEFT JOIN relations x ON x.requirement_id = q.item_id
LEFT JOIN kinds k ON k.kind = x.kind
LEFT JOIN statuses xs ON xs.status = x.status
LEFT JOIN reached xr ON xr.item_id = x.item_id
LEFT JOIN sessions xsess ON xsess.sequence = xr.sequence
ORDER BY h.sort_order, q.plan_paragraph, q.item_id, xs.rank DESC NULLS LAST, x.item_id

-- Marts, computed once per build from the checked tables (dbt's staging -> marts), so every
-- coverage question is answered from a few thousand rows whatever the size of the record.

-- The status rule, in one place. An item's status at a point in time is the FURTHEST it has
-- got at any session up to then: done (rank 3) over pending (2) over proposed (1). So status
-- only ever rises. status_rises holds each rise: the session (by sequence) where an item first
-- reached a higher status, the rank it reached and the rank it left (NULL for its first link).
CREATE TABLE status_rises AS
WITH per_session AS (
    SELECT l.item_id, s.sequence, max(st.rank) AS rank
    FROM links l
    JOIN sessions s USING (session_id)
    JOIN statuses st USING (status)
    GROUP BY l.item_id, s.sequence
), ordered AS (
    SELECT *, max(rank) OVER (PARTITION BY item_id ORDER BY sequence
                              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS left_rank
    FROM per_session
)
SELECT item_id, sequence, rank, left_rank
FROM ordered
WHERE left_rank IS NULL OR rank > left_rank;

-- Per heading, kind and session: how many items entered (+) and left (-) each status there.
-- Summed over the sessions up to S, it gives coverage as it stood after S.
CREATE TABLE coverage_steps AS
WITH moves AS (
    SELECT item_id, sequence, rank, 1 AS delta FROM status_rises
    UNION ALL
    SELECT item_id, sequence, left_rank, -1 FROM status_rises WHERE left_rank IS NOT NULL
)
SELECT i.heading, i.kind, m.sequence, st.status, sum(m.delta)::BIGINT AS delta
FROM moves m
JOIN items i USING (item_id)
JOIN statuses st ON st.rank = m.rank
GROUP BY ALL;

-- Per session, heading, kind and status: how many links were recorded there.
CREATE TABLE session_counts AS
SELECT l.session_id, s.sequence, i.heading, i.kind, l.status, count(*)::BIGINT AS links
FROM links l
JOIN items i USING (item_id)
JOIN sessions s USING (session_id)
GROUP BY ALL;

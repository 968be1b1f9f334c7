-- Marts, computed once per build from the checked tables (dbt's staging -> marts), so every
-- coverage question is answered from a few thousand rows whatever the size of the record.

-- The status rule, in one place. An item's status at a point in time is the FURTHEST it has
-- got at any session up to then: done (rank 3) over pending (2) over proposed (1). So status
-- only ever rises. status_rises holds each rise: the session (by sequence) where an item first
-- reached a higher status, the rank it reached and the rank it left (NULL for its first link).
-- With three statuses an item rises at most three times: where it first reached each of them
-- or higher. One grouping of the links finds those sessions (a window over a million links
-- took twice as long).
CREATE TABLE status_rises AS
WITH levels AS (  -- the statuses by rank: level 1, 2, 3 (status allows three values at most)
    SELECT status, rank, row_number() OVER (ORDER BY rank) AS level FROM statuses
), reached AS (  -- per item, the first session (by sequence) where it reached each level or higher
    SELECT l.item_id,
           min(s.sequence) AS at_1,
           min(s.sequence) FILTER (WHERE v.level >= 2) AS at_2,
           min(s.sequence) FILTER (WHERE v.level >= 3) AS at_3
    FROM links l
    JOIN sessions s USING (session_id)
    JOIN levels v USING (status)
    GROUP BY l.item_id
), rises AS (  -- a rise at each distinct first: up to the highest level first reached there
    SELECT item_id, at_1 AS sequence, CASE WHEN at_3 = at_1 THEN 3 WHEN at_2 = at_1 THEN 2 ELSE 1 END AS level,
           NULL AS left_level
    FROM reached
    UNION ALL
    SELECT item_id, at_2, CASE WHEN at_3 = at_2 THEN 3 ELSE 2 END, 1 FROM reached WHERE at_2 > at_1
    UNION ALL
    SELECT item_id, at_3, 3, 2 FROM reached WHERE at_3 > at_2
)
SELECT r.item_id, r.sequence, v.rank, w.rank AS left_rank
FROM rises r
JOIN levels v ON v.level = r.level
LEFT JOIN levels w ON w.level = r.left_level;

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

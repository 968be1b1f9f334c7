-- Coverage per heading as it stood after each session (up to the as-of session).
-- An item's status only ever rises (proposed -> pending -> done). Each rise is an event:
-- +1 for the new status and -1 for the one it leaves, at the session where it happened.
-- A running sum of the events over sessions gives the picture after each session; the
-- result equals filtered_items(as_of = that session) for every session.
WITH per_session AS (
    SELECT item_id, sequence, max(rank) AS rank
    FROM counted_links($as_of)
    GROUP BY item_id, sequence
), rises AS (
    SELECT item_id, sequence, rank,
           lag(rank) OVER (PARTITION BY item_id ORDER BY sequence) AS left_rank
    FROM (
        SELECT *, max(rank) OVER (PARTITION BY item_id ORDER BY sequence
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS best_before
        FROM per_session
    )
    WHERE best_before IS NULL OR rank > best_before
), events AS (
    SELECT item_id, sequence, rank, 1 AS delta FROM rises
    UNION ALL
    SELECT item_id, sequence, left_rank, -1 FROM rises WHERE left_rank IS NOT NULL
), deltas AS (
    SELECT i.heading, e.sequence, st.status, sum(e.delta) AS delta
    FROM events e
    JOIN items i USING (item_id)
    JOIN statuses st ON st.rank = e.rank
    WHERE (len($headings) = 0 OR list_contains($headings, i.heading))
      AND (len($kinds) = 0 OR list_contains($kinds, i.kind))
      AND (len($statuses) = 0 OR list_contains($statuses, st.status))
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
    LEFT JOIN deltas d USING (heading, sequence, status)
)
SELECT session_id, sequence, session_title, heading, heading_label,
       sum(items) FILTER (WHERE status = 'done')::BIGINT     AS done,
       sum(items) FILTER (WHERE status = 'pending')::BIGINT  AS pending,
       sum(items) FILTER (WHERE status = 'proposed')::BIGINT AS proposed,
       sum(items)::BIGINT AS total
FROM running
GROUP BY session_id, sequence, session_title, heading, heading_label, sort_order
ORDER BY sequence, sort_order

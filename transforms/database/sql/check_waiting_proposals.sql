-- Items still only proposed as of $as_of that have waited more than $waited Working Group
-- sessions: counted from the session where the item was first proposed.
WITH proposed AS (
    SELECT r.item_id, min(c.sequence) AS first_sequence
    FROM item_status($as_of) r
    JOIN counted_links($as_of) c USING (item_id)
    WHERE r.status = 'proposed'
    GROUP BY r.item_id
), waited AS (
    SELECT p.item_id, p.first_sequence,
           (SELECT count(*) FROM sessions s
            WHERE s.body = 'wg' AND s.sequence > p.first_sequence
              AND s.sequence <= as_of_sequence($as_of))::INTEGER AS wg_sessions_since
    FROM proposed p
)
SELECT w.item_id, i.kind, if($lang = 'zh', i.title_zh, i.title_en) AS title,
       first.session_id AS first_proposed_at, w.wg_sessions_since
FROM waited w
JOIN items i USING (item_id)
JOIN sessions first ON first.sequence = w.first_sequence
WHERE w.wg_sessions_since > $waited
ORDER BY w.wg_sessions_since DESC, w.item_id

-- What the lists as of a session are derived from (transforms.database.as_of): each rise of an
-- item's status (status_rises: the session, by sequence, where it first reached a higher status),
-- the status reached with its rank and labels, and the sort orders of the item's heading and kind.
SELECT r.item_id, r.sequence, st.status, st.rank, st.label_en AS status_label_en, st.label_zh AS status_label_zh,
       h.sort_order AS heading_order, k.sort_order AS kind_order
FROM status_rises r
JOIN statuses st USING (rank)
JOIN items i USING (item_id)
JOIN headings h USING (heading)
JOIN kinds k USING (kind)
ORDER BY r.item_id, r.sequence

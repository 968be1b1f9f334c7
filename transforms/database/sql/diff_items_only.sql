-- Items on side $side ('old' or 'new') that the other side does not have: removed or added.
-- Reads side_items, each side's diff_side_items rows staged with a `side` column.
SELECT s.item_id, s.kind, s.kind_label, s.heading, s.heading_label, s.title, s.status, s.status_label
FROM side_items s
WHERE s.side = $side
  AND s.item_id NOT IN (SELECT item_id FROM side_items WHERE side <> $side)
ORDER BY s.heading_order, s.item_id

-- Relations "item addresses Plan requirement" added, removed or changed between the sides: one
-- row per pair that differs, with the basis and rationale before and after (NULL: no row there).
WITH o AS (SELECT * FROM old_side.addresses),
     n AS (SELECT * FROM new_side.addresses)
SELECT coalesce(n.item_id, o.item_id) AS item_id,
       coalesce(n.requirement_id, o.requirement_id) AS requirement_id,
       CASE WHEN o.item_id IS NULL THEN 'added' WHEN n.item_id IS NULL THEN 'removed' ELSE 'changed' END AS change,
       o.basis AS basis_before, n.basis AS basis_after,
       if($lang = 'zh', o.rationale_zh, o.rationale_en) AS rationale_before,
       if($lang = 'zh', n.rationale_zh, n.rationale_en) AS rationale_after
FROM o FULL JOIN n ON n.item_id = o.item_id AND n.requirement_id = o.requirement_id
WHERE o.item_id IS NULL OR n.item_id IS NULL
   OR (o.basis, o.rationale_en, o.rationale_zh, o.source_id, o.source_paragraph, o.quote, o.note)
      IS DISTINCT FROM (n.basis, n.rationale_en, n.rationale_zh, n.source_id, n.source_paragraph, n.quote, n.note)
ORDER BY requirement_id, item_id

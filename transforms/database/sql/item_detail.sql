-- One item with everything behind it (whatever the filters), for the provenance view.
-- $item_id NULL: every item, in item_id order (the static edition's item pages).
SELECT i.item_id, i.kind, if($lang = 'zh', k.label_zh, k.label_en) AS kind_label,
       i.heading, if($lang = 'zh', h.label_zh, h.label_en) AS heading_label,
       i.heading_basis, i.heading_rationale, i.plan_paragraph,
       i.title_en, i.title_zh, i.quote, src.language AS quote_language, i.note,
       coalesce(nullif(src.symbol, ''), src.source_id) AS source_document,
       if($lang = 'zh', src.title_zh, src.title_en) AS source_title,
       i.source_paragraph
FROM items i
JOIN kinds k USING (kind)
JOIN headings h USING (heading)
JOIN sources src ON src.source_id = i.source_id
WHERE $item_id IS NULL OR i.item_id = $item_id
ORDER BY i.item_id

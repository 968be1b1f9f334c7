-- One item with everything behind it (whatever the filters but as-of), for the provenance view.
-- $item_id NULL: every item, in item_id order (the static edition's item pages).
-- on_record: whether a session up to $as_of recorded it (the Overview's rule); first_session:
-- the title of the first session that did, whatever $as_of.
SELECT $as_of IS NULL OR EXISTS (SELECT 1 FROM item_status($as_of) r WHERE r.item_id = i.item_id) AS on_record,
       (SELECT if($lang = 'zh', s.title_zh, s.title_en) FROM links l JOIN sessions s USING (session_id)
        WHERE l.item_id = i.item_id ORDER BY s.sequence LIMIT 1) AS first_session,
       i.item_id, i.kind, if($lang = 'zh', k.label_zh, k.label_en) AS kind_label,
       i.heading, if($lang = 'zh', h.label_zh, h.label_en) AS heading_label,
       i.heading_basis, if($lang = 'zh', i.heading_rationale_zh, i.heading_rationale) AS heading_rationale, i.plan_paragraph,
       i.title_en, i.title_zh, i.quote, src.language AS quote_language, if($lang = 'zh', i.note_zh, i.note) AS note,
       coalesce(nullif(src.symbol, ''), src.source_id) AS source_document,
       if($lang = 'zh', src.title_zh, src.title_en) AS source_title,
       i.source_paragraph
FROM items i
JOIN kinds k USING (kind)
JOIN headings h USING (heading)
JOIN sources src ON src.source_id = i.source_id
WHERE $item_id IS NULL OR i.item_id = $item_id
ORDER BY i.item_id

-- Items whose provenance points at no numbered paragraph of their source (the cover page or
-- a footnote only), as of $as_of: a claim a reader cannot check paragraph by paragraph.
SELECT i.item_id, i.kind, if($lang = 'zh', i.title_zh, i.title_en) AS title,
       coalesce(nullif(src.symbol, ''), src.source_id) AS source_document, i.source_paragraph
FROM items i
JOIN item_status($as_of) USING (item_id)
JOIN sources src USING (source_id)
WHERE NOT regexp_full_match(i.source_paragraph, '[0-9]+')
ORDER BY i.item_id

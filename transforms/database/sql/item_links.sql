-- The sessions one item is linked to, with the status there and where the source says so.
-- $item_id NULL: every item's, in item_id order (the dashboard keeps them whole and picks an item's).
-- item_id comes last: queries.item_detail gives the links without it.
SELECT l.session_id, if($lang = 'zh', s.title_zh, s.title_en) AS session_title,
       s.start_date, l.status, if($lang = 'zh', st.label_zh, st.label_en) AS status_label,
       d.symbol AS document_symbol,
       if($lang = 'zh', d.cited_for_zh, d.cited_for_en) AS document_cited_for,
       l.source_paragraph, l.quote, src.language AS quote_language, if($lang = 'zh', l.note_zh, l.note) AS note,
       s.sequence <= as_of_sequence($as_of) AS counted, l.item_id
FROM links l
JOIN sessions s USING (session_id)
JOIN statuses st USING (status)
JOIN sources src ON src.source_id = l.source_id
LEFT JOIN documents d USING (document_id)
WHERE $item_id IS NULL OR l.item_id = $item_id
ORDER BY l.item_id, s.sequence

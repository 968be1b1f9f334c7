-- Each link of an item to a session, with the status recorded there and its provenance.
-- $session_id: only that session's links (NULL: all); $limit: at most this many (NULL: all).
SELECT l.item_id, l.session_id, l.status,
       if($lang = 'zh', st.label_zh, st.label_en) AS status_label,
       l.heading, l.kind,
       if($lang = 'zh', i.title_zh, i.title_en) AS item_title,
       if($lang = 'zh', s.title_zh, s.title_en) AS session_title,
       d.symbol AS document_symbol,
       coalesce(nullif(src.symbol, ''), src.source_id) AS source_document,
       l.source_paragraph, l.quote, src.language AS quote_language, if($lang = 'zh', l.note_zh, l.note) AS note
FROM filtered_links($as_of, $headings, $statuses, $kinds) l
JOIN items i USING (item_id)
JOIN sessions s USING (session_id)
JOIN statuses st ON st.status = l.status
JOIN sources src ON src.source_id = l.source_id
LEFT JOIN documents d USING (document_id)
WHERE $session_id IS NULL OR l.session_id = $session_id
ORDER BY l.sequence, l.item_id
LIMIT $limit

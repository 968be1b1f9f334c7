-- Sessions and meetings up to the as-of session, with the documents the source cites for them.
WITH cited AS (
    SELECT session_id, string_agg(symbol, '; ' ORDER BY symbol) AS document_symbols
    FROM documents WHERE symbol IS NOT NULL GROUP BY session_id
)
SELECT s.session_id, if($lang = 'zh', b.label_zh, b.label_en) AS body, s.body AS body_key,
       s.number, s.sequence,
       if($lang = 'zh', s.title_zh, s.title_en) AS title,
       s.start_date, s.end_date,
       if($lang = 'zh', s.venue_zh, s.venue_en) AS venue,
       c.document_symbols,
       coalesce(nullif(src.symbol, ''), src.source_id) AS source_document,
       s.source_paragraph, s.quote, src.language AS quote_language, if($lang = 'zh', s.note_zh, s.note) AS note
FROM sessions s
JOIN bodies b USING (body)
JOIN sources src USING (source_id)
LEFT JOIN cited c USING (session_id)
WHERE s.sequence <= as_of_sequence($as_of)
ORDER BY s.sequence

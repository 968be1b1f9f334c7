-- The source documents the record is drawn from.
SELECT source_id, symbol, if($lang = 'zh', title_zh, title_en) AS title, language,
       original_language, issued_date, agenda_item, path, if($lang = 'zh', note_zh, note) AS note
FROM sources ORDER BY source_id

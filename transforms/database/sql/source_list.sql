-- The source documents the record is drawn from.
SELECT source_id, symbol, if($lang = 'zh', title_zh, title_en) AS title, language,
       original_language, issued_date, agenda_item, path, note
FROM sources ORDER BY source_id

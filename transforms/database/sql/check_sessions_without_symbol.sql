-- Sessions up to $as_of for which the record cites no document with a UN symbol (no report
-- or outcome document a reader could look up).
SELECT s.session_id, if($lang = 'zh', s.title_zh, s.title_en) AS title, s.start_date,
       count(d.document_id)::INTEGER AS documents_without_symbol
FROM sessions s
LEFT JOIN documents d USING (session_id)
WHERE s.sequence <= as_of_sequence($as_of)
GROUP BY s.session_id, s.title_zh, s.title_en, s.start_date, s.sequence
HAVING count(d.symbol) = 0
ORDER BY s.sequence

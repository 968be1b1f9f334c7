-- Keys and their labels in one language, for filters and legends, in display order.
SELECT 'heading' AS field, heading AS key, if($lang = 'zh', label_zh, label_en) AS label, sort_order AS position FROM headings
UNION ALL
SELECT 'status', status, if($lang = 'zh', label_zh, label_en), 4 - rank FROM statuses
UNION ALL
SELECT 'kind', kind, if($lang = 'zh', label_zh, label_en), sort_order FROM kinds
UNION ALL
SELECT 'session', session_id, if($lang = 'zh', title_zh, title_en), sequence FROM sessions
UNION ALL
SELECT 'body', body, if($lang = 'zh', label_zh, label_en), sort_order FROM bodies
ORDER BY field, position

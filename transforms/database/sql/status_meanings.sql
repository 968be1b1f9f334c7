-- What each status means, in one language.
SELECT status, if($lang = 'zh', label_zh, label_en) AS label,
       if($lang = 'zh', meaning_zh, meaning_en) AS meaning
FROM statuses ORDER BY rank DESC

-- The items on the record as of a session, narrowed by the filters, with rolled-up status.
SELECT f.item_id, f.kind, if($lang = 'zh', k.label_zh, k.label_en) AS kind_label,
       f.heading, if($lang = 'zh', h.label_zh, h.label_en) AS heading_label,
       f.heading_basis,
       if($lang = 'zh', f.title_zh, f.title_en) AS title,
       f.status, if($lang = 'zh', st.label_zh, st.label_en) AS status_label,
       f.session_ids AS sessions,
       f.plan_paragraph,
       coalesce(nullif(src.symbol, ''), src.source_id) AS source_document,
       f.source_paragraph,
       f.quote_zh
FROM filtered_items($as_of, $headings, $statuses, $kinds) f
JOIN kinds k USING (kind)
JOIN headings h USING (heading)
JOIN statuses st USING (status)
JOIN sources src ON src.source_id = f.source_id
ORDER BY h.sort_order, st.rank DESC, k.sort_order, f.item_id

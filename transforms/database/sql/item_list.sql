-- The items on the record as of a session, narrowed by the filters, with rolled-up status and
-- the sessions (up to as_of) each is linked to. $limit: at most this many rows (NULL: all).
WITH listed AS MATERIALIZED (
    SELECT f.item_id, f.kind, if($lang = 'zh', k.label_zh, k.label_en) AS kind_label,
           f.heading, if($lang = 'zh', h.label_zh, h.label_en) AS heading_label,
           f.heading_basis,
           if($lang = 'zh', f.title_zh, f.title_en) AS title,
           if($lang = 'zh', f.title_en, f.title_zh) AS other_title,
           f.status, if($lang = 'zh', st.label_zh, st.label_en) AS status_label,
           f.plan_paragraph,
           coalesce(nullif(src.symbol, ''), src.source_id) AS source_document,
           f.source_paragraph,
           f.quote, src.language AS quote_language,
           h.sort_order AS heading_order, st.rank, k.sort_order AS kind_order
    FROM filtered_items($as_of, $headings, $statuses, $kinds) f
    JOIN kinds k USING (kind)
    JOIN headings h USING (heading)
    JOIN statuses st USING (status)
    JOIN sources src ON src.source_id = f.source_id
    ORDER BY heading_order, st.rank DESC, kind_order, f.item_id
    LIMIT $limit
), sessions_of AS (
    SELECT c.item_id, string_agg(c.session_id, '; ' ORDER BY c.sequence) AS sessions
    FROM counted_links($as_of) c
    WHERE c.item_id IN (SELECT item_id FROM listed)
    GROUP BY c.item_id
)
SELECT l.item_id, l.kind, l.kind_label, l.heading, l.heading_label, l.heading_basis, l.title,
       l.status, l.status_label, s.sessions, l.plan_paragraph, l.source_document, l.source_paragraph, l.quote,
       l.quote_language, l.other_title
FROM listed l
JOIN sessions_of s USING (item_id)
ORDER BY l.heading_order, l.rank DESC, l.kind_order, l.item_id

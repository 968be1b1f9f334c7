-- Links whose status differs between the sides: per item and session, the status before (NULL:
-- no link then) and after (NULL: the link was removed), labelled in $lang, in session order.
WITH pairs AS (
    SELECT coalesce(o.item_id, n.item_id) AS item_id, coalesce(o.session_id, n.session_id) AS session_id,
           o.status AS before, n.status AS after
    FROM old_side.links o
    FULL JOIN new_side.links n ON n.item_id = o.item_id AND n.session_id = o.session_id
    WHERE o.status IS DISTINCT FROM n.status
)
SELECT p.item_id, coalesce(ni.title, oi.title) AS title,
       p.session_id, if($lang = 'zh', coalesce(ns.title_zh, os.title_zh), coalesce(ns.title_en, os.title_en))
           AS session_title,
       coalesce(ns.sequence, os.sequence) AS sequence,
       p.before, if($lang = 'zh', ob.label_zh, ob.label_en) AS before_label,
       p.after, if($lang = 'zh', na.label_zh, na.label_en) AS after_label
FROM pairs p
LEFT JOIN side_items ni ON ni.side = 'new' AND ni.item_id = p.item_id
LEFT JOIN side_items oi ON oi.side = 'old' AND oi.item_id = p.item_id
LEFT JOIN new_side.sessions ns ON ns.session_id = p.session_id
LEFT JOIN old_side.sessions os ON os.session_id = p.session_id
LEFT JOIN old_side.statuses ob ON ob.status = p.before
LEFT JOIN new_side.statuses na ON na.status = p.after
ORDER BY sequence, p.session_id, p.item_id

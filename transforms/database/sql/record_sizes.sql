-- How many rows the tables that bound the lists hold (dashboard.data.MemoStore keeps a list whole
-- only when it is this small).
SELECT (SELECT count(*) FROM items) AS items,
       (SELECT count(*) FROM links) AS links,
       (SELECT count(*) FROM addresses) AS addresses

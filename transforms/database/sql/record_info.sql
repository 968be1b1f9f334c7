-- What the database holds and when it was built.
SELECT b.data_version, b.schema_version, b.built_at, b.gaptrack,
       (SELECT count(*) FROM items) AS items,
       (SELECT count(*) FROM links) AS links,
       (SELECT count(*) FROM sessions) AS sessions,
       (SELECT count(*) FROM documents) AS documents
FROM build_info b

"""From a document's candidate rows to one change of the record (issue: review and merge).

`rules`: ids by the record's scheme, what the record already holds, fields still missing and
why, the edit (shared by the Edit page's "Read a document" and `gaptrack merge`). `folder`: the
candidate folder `gaptrack ingest --out` writes and `gaptrack merge` reads. This layer sits
above ingest (it reads documents through it) and editing (it saves through it).
"""

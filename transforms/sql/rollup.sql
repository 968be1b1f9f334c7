-- The status rule, in one place. Every coverage query reads items through these macros.
--
-- as_of: a session_id, or NULL for the whole record. Only links at sessions up to and
-- including that session (by sequence) count.
-- An item's status is the furthest it has got at any counted session:
-- done (rank 3) over pending (rank 2) over proposed (rank 1).
-- An item with no counted link is not yet on the record and is left out.

CREATE MACRO as_of_sequence(as_of) AS
    coalesce((SELECT sequence FROM sessions WHERE session_id = as_of), 2147483647);

CREATE MACRO counted_links(as_of) AS TABLE
    SELECT l.*, s.sequence, st.rank
    FROM links l
    JOIN sessions s USING (session_id)
    JOIN statuses st USING (status)
    WHERE s.sequence <= as_of_sequence(as_of);

CREATE MACRO item_status(as_of) AS TABLE
    SELECT item_id,
           arg_max(status, rank) AS status,
           string_agg(session_id, '; ' ORDER BY sequence) AS session_ids
    FROM counted_links(as_of)
    GROUP BY item_id;

-- Items on the record as of a session, narrowed by the filters (an empty list keeps all).
CREATE MACRO filtered_items(as_of, headings, statuses, kinds) AS TABLE
    SELECT i.*, r.status, r.session_ids
    FROM items i
    JOIN item_status(as_of) r USING (item_id)
    WHERE (len(headings) = 0 OR list_contains(headings, i.heading))
      AND (len(statuses) = 0 OR list_contains(statuses, r.status))
      AND (len(kinds) = 0 OR list_contains(kinds, i.kind));

-- Links as recorded at each session up to as_of, narrowed by the filters. On link-level views
-- (sessions, the heading x session grid, the links export) the status filter matches the
-- status recorded at that session, not the item's rolled-up status.
CREATE MACRO filtered_links(as_of, headings, statuses, kinds) AS TABLE
    SELECT l.*, i.heading, i.kind
    FROM counted_links(as_of) l
    JOIN items i USING (item_id)
    WHERE (len(headings) = 0 OR list_contains(headings, i.heading))
      AND (len(statuses) = 0 OR list_contains(statuses, l.status))
      AND (len(kinds) = 0 OR list_contains(kinds, i.kind));

-- Macros every query reads through. The status rule itself lives in marts.sql (status_rises).

-- The sequence of the as-of session, or "after everything" when as_of is NULL.
CREATE MACRO as_of_sequence(as_of) AS
    coalesce((SELECT sequence FROM sessions WHERE session_id = as_of), 2147483647);

-- Each item on the record as of a session, with its status then: its last rise up to then.
-- An item with no link up to then is not yet on the record and is left out.
CREATE MACRO item_status(as_of) AS TABLE
    SELECT r.item_id, st.status
    FROM (SELECT item_id, arg_max(rank, sequence) AS rank
          FROM status_rises
          WHERE sequence <= as_of_sequence(as_of)
          GROUP BY item_id) r
    JOIN statuses st USING (rank);

-- Items on the record as of a session, narrowed by the filters (an empty list keeps all).
CREATE MACRO filtered_items(as_of, headings, statuses, kinds) AS TABLE
    SELECT i.*, r.status
    FROM items i
    JOIN item_status(as_of) r USING (item_id)
    WHERE (len(headings) = 0 OR list_contains(headings, i.heading))
      AND (len(statuses) = 0 OR list_contains(statuses, r.status))
      AND (len(kinds) = 0 OR list_contains(kinds, i.kind));

-- Links at sessions up to as_of, with the session's sequence.
CREATE MACRO counted_links(as_of) AS TABLE
    SELECT l.*, s.sequence
    FROM links l
    JOIN sessions s USING (session_id)
    WHERE s.sequence <= as_of_sequence(as_of);

-- Links up to as_of narrowed by the filters. On link-level views (sessions, the heading x
-- session grid, the links export) the status filter matches the status recorded at that
-- session, not the item's rolled-up status.
CREATE MACRO filtered_links(as_of, headings, statuses, kinds) AS TABLE
    SELECT l.*, i.heading, i.kind
    FROM counted_links(as_of) l
    JOIN items i USING (item_id)
    WHERE (len(headings) = 0 OR list_contains(headings, i.heading))
      AND (len(statuses) = 0 OR list_contains(statuses, l.status))
      AND (len(kinds) = 0 OR list_contains(kinds, i.kind));

-- The filters applied to a mart row (heading, kind, status columns).
CREATE MACRO kept(heading, kind, status, headings, statuses, kinds) AS
    (len(headings) = 0 OR list_contains(headings, heading))
    AND (len(statuses) = 0 OR list_contains(statuses, status))
    AND (len(kinds) = 0 OR list_contains(kinds, kind));

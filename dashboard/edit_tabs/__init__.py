"""The tabs of the Edit page (dashboard/app_pages/edit.py), one module per kind of change.

Each tab is a function `draw(form)` taking the shared form helper (`form.Form`): the page's
context, the signed-in editor and the record version they saw. Every save goes through
`Form.attempt`, hence through transforms (the build's validation, the lock, the audit log).
"""

from __future__ import annotations

from . import documents, history, ingest, items, links, sessions, sources

# Tab name (its title is the message edit_tab_<name>) -> the function that draws it, in order.
TABS = {
    "link": links.link_tab,
    "session": sessions.session_tab,
    "fix_session": sessions.fix_session_tab,
    "item": items.item_tab,
    "document": documents.document_tab,
    "titles": items.titles_tab,
    "source": sources.source_tab,
    "ingest": ingest.ingest_tab,
    "history": history.history_tab,
}

"""The Sessions page's aggregate frames, session_outcomes and heading_session_grid, summed from the
marts (transforms.database.marts) as marts.py sums them, with the columns that name the sessions
and headings (their ids, order, titles and labels, dates) made once per as-of session and
language and kept (for the grid, under no heading filter only): a view then sums its counts and puts the
kept columns beside them.
Making those text columns again for every view cost most of the frame (pandas turns each into
Arrow). The same frames, dtypes included, as marts.session_outcomes and marts.heading_session_grid
(tests/test_session_frames.py holds them equal, and to the SQL files, over many views)."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
import pandas as pd

from . import marts as marts_
from .marts import STATUS_COLUMNS, Marts, _heading_rows, _kept, _summed

KEPT = 256  # named columns kept (per marts, frame, as-of session and language)
_named: OrderedDict[tuple, tuple[Marts, dict[str, object]]] = OrderedDict()
_lock = threading.Lock()


def _columns(key: tuple, marts: Marts, make) -> dict[str, object]:
    """The named columns for key (marts first in it by id), made by make() once and kept."""
    with _lock:
        held = _named.get(key)
        if held is not None and held[0] is marts:
            _named.move_to_end(key)
            return held[1]
    made = make()
    with _lock:
        _named[key] = (marts, made)  # the marts held with them: their id stays theirs
        while len(_named) > KEPT:
            _named.popitem(last=False)
    return made


def _text(values) -> object:
    """A text column as pandas makes one of these values in a new frame (str, Arrow)."""
    return pd.array(np.asarray(values, dtype=object), dtype="str")


def session_outcomes(marts: Marts, filters) -> pd.DataFrame:
    """marts.session_outcomes(marts, filters): the very frame."""
    upto = marts.as_of_position(filters.as_of)
    sessions = {name: values[:upto] for name, values in marts.sessions.items()}
    known = np.isin(sessions["body"], list(marts.bodies))  # the SQL joins bodies
    if not known.any():
        return marts_.session_outcomes(marts, filters)  # no rows: as pandas types empty columns

    def named() -> dict[str, object]:
        kept = {name: values[known] for name, values in sessions.items()}
        label = 1 if filters.lang == "zh" else 0
        return {
            "session_id": _text(kept["session_id"]),
            "sequence": kept["sequence"],
            "body": _text(kept["body"]),
            "body_label": _text([marts.bodies[body][label] for body in kept["body"]]),
            "title": _text(kept["title_zh" if filters.lang == "zh" else "title_en"]),
            "start_date": kept["start_date"],
            "end_date": kept["end_date"],
        }

    columns = _columns((id(marts), "outcomes", upto, filters.lang), marts, named)
    counts = marts.counts
    keep = _kept(marts, counts, filters.headings, filters.statuses, filters.kinds)
    shape = (len(marts.sessions["session_id"]), len(STATUS_COLUMNS))
    by_status = _summed(counts, keep, "links", shape, "session", "status")[:upto][known]
    return pd.DataFrame(
        {
            **columns,
            **{status: by_status[:, i] for i, status in enumerate(STATUS_COLUMNS)},
            "total": by_status.sum(axis=1),
        }
    )


def heading_session_grid(marts: Marts, filters) -> pd.DataFrame:
    """marts.heading_session_grid(marts, filters): the very frame."""
    upto = marts.as_of_position(filters.as_of)
    listed = _heading_rows(marts, filters.headings)
    if not upto or not len(listed) or filters.headings:
        # no rows (as pandas types empty columns), or some headings only: columns seldom asked again
        return marts_.heading_session_grid(marts, filters)

    def named() -> dict[str, object]:
        sessions = {name: values[:upto] for name, values in marts.sessions.items()}
        headings = {name: values[listed] for name, values in marts.headings.items()}
        label, title = ("label_zh", "title_zh") if filters.lang == "zh" else ("label_en", "title_en")
        return {
            "heading": _text(np.repeat(headings["heading"], upto)),
            "heading_label": _text(np.repeat(headings[label], upto)),
            "session_id": _text(np.tile(sessions["session_id"], len(listed))),
            "sequence": np.tile(sessions["sequence"], len(listed)),
            "session_title": _text(np.tile(sessions[title], len(listed))),
        }

    columns = _columns((id(marts), "grid", upto, filters.lang), marts, named)
    counts = marts.counts
    keep = _kept(marts, counts, filters.headings, filters.statuses, filters.kinds)
    shape = (len(marts.headings["heading"]), len(marts.sessions["session_id"]), len(STATUS_COLUMNS))
    grid = _summed(counts, keep, "links", shape, "heading", "session", "status")[listed][:, :upto]
    return pd.DataFrame(
        {
            **columns,
            **{status: grid[:, :, i].ravel() for i, status in enumerate(STATUS_COLUMNS)},
            "total": grid.sum(axis=2).ravel(),
        }
    )

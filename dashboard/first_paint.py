"""The first chart before the rest of the page, on a reader's first load (README, "First paint").

A new browser session's first run draws the page down to its first chart and stops there: the
sidebar's filters, the other charts and the page script (each widget kind loads its own script in
the browser, and React drew them all before Plotly's script was even asked for) come in a second
run, which the browser asks for as soon as that chart is drawn. Every later run draws the whole
page at once. A page opts in by calling `hold(ctx)` right after its first chart; nothing else on
the page changes (the places kept above the chart are filled by the second run, in place).

Only a browser holds: a run without a browser (AppTest, scripts) has no request headers and
always draws the whole page."""

from __future__ import annotations

import streamlit as st
from streamlit.components.v2 import component

SEEN = "first_paint_seen"  # session state: this session has had its first run
HELD = "first_paint_held"  # session state: the run now going stopped after its first chart

# Asks for the rest of the page once the first chart is drawn (its SVG in the document, what the
# first-paint benchmark measures), one frame later; after 5 s in any case, so a page whose chart
# never draws still gets its filters. No text from the data: nothing is passed in.
_REST_LATER = """
export default function ({ setTriggerValue }) {
  let done = false;
  const rest = () => { if (!done) { done = true; requestAnimationFrame(() => setTriggerValue('drawn', true)); } };
  const drawn = () => document.querySelector('.js-plotly-plot .main-svg');
  if (drawn()) { rest(); return; }
  const watch = new MutationObserver(() => { if (drawn()) { watch.disconnect(); rest(); } });
  watch.observe(document.body, { childList: true, subtree: true });
  const late = setTimeout(rest, 5000);
  return () => { watch.disconnect(); clearTimeout(late); };
}
"""
_rest_later = component("gaptrack.rest_later", js=_REST_LATER)


def start() -> bool:
    """Called once per run before the page: True when this run is the session's first in a browser
    (it may stop after its first chart). Marks the session as seen."""
    st.session_state[HELD] = False
    first = SEEN not in st.session_state and bool(st.context.headers)
    st.session_state[SEEN] = True
    return first


def hold(ctx) -> None:
    """After a page's first chart: on a held first run (ctx.first_run), ask the browser for the rest
    once the chart is drawn and stop the run here. Otherwise nothing.

    Raises: streamlit's StopException (st.stop) when it holds."""
    if not ctx.first_run:
        return
    _rest_later(key="rest_later", height=0)
    st.session_state[HELD] = True
    st.stop()


def held() -> bool:
    """True when the run now going stopped after its first chart (the sidebar is not drawn)."""
    return bool(st.session_state.get(HELD))

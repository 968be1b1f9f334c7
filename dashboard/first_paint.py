"""The first chart before the rest of the page, on a reader's first load (README, "First paint").

A new browser session's first run draws the page down to its first chart and stops there: the
sidebar's filters, the other charts and the page script (each widget kind loads its own script in
the browser, and React drew them all before Plotly's script was even asked for) come in a second
run, which the browser asks for as soon as that chart is drawn. Every later run draws the whole
page at once. A page opts in by calling `hold(ctx)` right after its first chart; what it fills
above the chart only after it (the Overview's headline figures) keeps its place with `kept_place`,
so nothing moves when the rest arrives.

Only a browser holds: a run without a browser (AppTest, scripts) has no request headers and
always draws the whole page."""

from __future__ import annotations

import json

import streamlit as st

from transforms.presentation.i18n import t

SEEN = "first_paint_seen"  # session state: this session has had its first run
HELD = "first_paint_held"  # session state: the run now going stopped after its first chart
KEY = "rest_later"  # the button that asks for the rest (class st-key-rest_later in the page)

# Presses the button below once the first chart is drawn (its SVG in the document, what the
# first-paint benchmark measures), one frame later; after 5 s in any case, so a page whose chart
# never draws still gets its filters. The button is hidden: if this script never ran, neither did
# the style, and a reader sees the button and can press it. It also sets the document's language
# (the page script does later). Fixed text: nothing from the data.
# (A st.components.v2 component did the same with 190 KB more script to load before the chart.)
_REST_LATER = """<style>.st-key-rest_later { display: none; }</style><script>
document.documentElement.lang = LANG;  // before the page script: Chinese glyph forms from the first paint
(() => {
  let done = false;
  const press = () => {
    const button = document.querySelector('.st-key-rest_later button');
    if (done || !button) return;
    done = true;
    requestAnimationFrame(() => button.click());
  };
  const drawn = () => document.querySelector('.js-plotly-plot .main-svg');
  const watch = new MutationObserver(() => drawn() && (watch.disconnect(), press()));
  if (drawn()) press();
  else watch.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => (watch.disconnect(), press()), 5000);
})();
</script>"""


def start() -> bool:
    """Called once per run before the page: True when this run is the session's first in a browser
    (it may stop after its first chart). Marks the session as seen."""
    st.session_state[HELD] = False
    first = SEEN not in st.session_state and bool(st.context.headers)
    st.session_state[SEEN] = True
    return first


def kept_place(key: str, heights: tuple[int, int], filled_by: str, held: bool) -> None:
    """Draw first inside the container `key` (above a page's first chart, filled after it on a held
    run): the style keeping it `heights` px tall (on a wide screen, on one up to 640 px wide) until
    an element matching the CSS selector `filled_by` is drawn in it, then its own height. Drawn on
    every run at the same place, so the rule stays in the page while the container's contents
    change and their script loads: nothing below moves. On a `held` run, also a space of the wide
    height (Streamlit draws no empty container, and the space shows before the style's script is
    in). Fixed keys, selectors and numbers from the code, never data."""
    wide, narrow = heights
    empty = f".st-key-{key}:not(:has({filled_by}))"
    st.html(
        f"<style>{empty} {{ min-height: {wide}px; }}"
        f" @media (max-width: 640px) {{ {empty} {{ min-height: {narrow}px; }} }}</style>"
    )
    if held:
        st.space(wide)


def hold(ctx) -> None:
    """After a page's first chart: on a held first run (ctx.may_hold), ask the browser for the rest
    once the chart is drawn and stop the run here. Otherwise nothing.

    Raises: streamlit's StopException (st.stop) when it holds."""
    if not ctx.may_hold:
        return
    st.button(t(ctx.lang, "rest_of_page"), key=KEY)
    lang = json.dumps("zh" if ctx.lang == "zh" else "en")
    st.html(_REST_LATER.replace("LANG", lang), unsafe_allow_javascript=True)
    st.session_state[HELD] = True
    st.stop()


def held() -> bool:
    """True when the run now going stopped after its first chart (the sidebar is not drawn)."""
    return bool(st.session_state.get(HELD))

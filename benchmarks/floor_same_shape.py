"""A second reference: a plain Streamlit app drawing the same elements as gaptrack's Overview,
from data dumped once before the run (benchmarks/same_shape_data.py), with no gaptrack code.

    SAME_SHAPE_DATA=FILE streamlit run benchmarks/floor_same_shape.py   (benchmarks/load.py starts it)

The same sidebar (language, three multiselects, the as-of select box, the switch, the clear
button, with the same keys), the same title, captions, briefing download, and per question the
same header, sentences, three metrics, two Plotly charts (from the same specs, not validated, as
gaptrack's), the segment picker, the two number tables in expanders and the CSV download (made on
click, kept referenced as gaptrack's are), and the st.html script setting <html lang>. What it
draws is always the whole-record Overview in the chosen language: the filters are drawn and kept
but change nothing, and there is no page navigation. So a rerun here costs what Streamlit charges
to draw the Overview's elements, and nothing of finding the numbers; the gap between gaptrack and
this app is gaptrack's own cost, the gap between this app and benchmarks/floor_app.py the cost
of the page's shape. It is not the issue's floor (that is floor_app.py).
"""

from __future__ import annotations

import itertools
import json
import os
import pickle
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st
from streamlit import runtime

CHART_CONFIG = {"displayModeBar": False, "responsive": True}


@st.cache_resource
def pins() -> itertools.count:
    """The places files made on click are kept in (one counter for the process: a module-level
    one would start again at every rerun, the script being run afresh)."""
    return itertools.count()


@st.cache_resource
def pages(path: str) -> dict:
    """{lang: the page's values}, with each figure made once (as gaptrack keeps its figures)."""
    loaded = pickle.loads(Path(path).read_bytes())
    for page in loaded.values():
        for q in page["questions"]:
            for key in ("coverage_figure", "timeline_figure"):
                q[key] = go.Figure(q[key], _validate=False)
    return loaded


def on_click(body: bytes, mimetype: str, name: str):
    """The file handed over when clicked, kept referenced in one of 64 places (as gaptrack does)."""

    def made() -> bytes:
        if runtime.exists():
            place = f"same-shape-{next(pins()) % 64}"
            runtime.get_instance().media_file_mgr.add(
                body, mimetype, place, file_name=name, is_for_static_download=True
            )
        return body

    return made


def language_changed() -> None:
    """Re-assign the filters so Streamlit sends their options afresh in the new language (as
    gaptrack's sidebar does)."""
    for key in ("heading", "status", "kind", "as_of", "curated"):
        st.session_state[key] = st.session_state[key]


def clear() -> None:
    for key in ("heading", "status", "kind"):
        st.session_state[key] = []
    st.session_state["as_of"] = ""
    st.session_state["curated"] = True


st.set_page_config(page_title="same shape", layout="wide")
data = pages(os.environ["SAME_SHAPE_DATA"])
if "lang" not in st.session_state:  # the first run's values, kept in session state (as gaptrack's sidebar)
    st.session_state.update(lang="en", heading=[], status=[], kind=[], as_of="", curated=True)
lang = st.sidebar.segmented_control(
    "Language · 语言", ["en", "zh"], key="lang", required=True, on_change=language_changed,
    format_func=lambda v: {"en": "English", "zh": "中文"}[v],
)  # fmt: skip
page = data[lang]
side = page["sidebar"]
st.sidebar.header(side["filters"])
for key, (label, options) in side["multi"].items():
    st.sidebar.multiselect(label, list(options), key=key, format_func=options.get, placeholder=side["all"])
as_of_label, sessions = side["as_of"]
st.sidebar.selectbox(
    as_of_label, list(sessions), key="as_of", format_func=sessions.get, placeholder=side["placeholder"],
    help=side["as_of_help"],
)  # fmt: skip
st.sidebar.toggle(side["curated"][0], key="curated", help=side["curated"][1])
st.sidebar.button(side["clear"], on_click=clear, width="stretch")
st.html(f"<script>document.documentElement.lang = {json.dumps(lang)};</script>", unsafe_allow_javascript=True)

st.title(page["title"])
st.markdown(page["intro"])
st.caption(page["scope"])
label, help_, name, body = page["briefing"]
st.download_button(
    label, on_click(body, "text/html", name), file_name=name, mime="text/html", icon=":material/print:",
    key="download_briefing", on_click="ignore", help=help_,
)  # fmt: skip
for q in page["questions"]:
    st.header(q["header"], anchor=q["key"])
    st.markdown(q["counted"])
    for column, (label, value, delta, help_) in zip(st.columns(3), q["metrics"]):
        column.metric(label, value, delta, delta_color="off", delta_arrow="off", border=True, help=help_)
    st.markdown(q["figures"])
    st.subheader(q["by_heading"], anchor=f"{q['key']}-by-heading")
    st.markdown(q["range"])
    st.plotly_chart(
        q["coverage_figure"], key=f"coverage_chart_{q['key']}", on_select="rerun", selection_mode="points",
        config=CHART_CONFIG,
    )  # fmt: skip
    st.caption(q["click_hint"])
    pick_label, placeholder, choices = q["segment_pick"]
    st.selectbox(
        pick_label, list(choices), index=None, key=f"segment_pick_{q['key']}", format_func=choices.get,
        placeholder=placeholder,
    )  # fmt: skip
    with st.expander(q["numbers"]):
        st.markdown(q["coverage_table"])
    label, name, body = q["download"]
    st.download_button(
        label, on_click(body, "text/csv", name), file_name=name, mime="text/csv", icon=":material/download:",
        key=f"download_coverage_{q['key']}", on_click="ignore",
    )  # fmt: skip
    st.subheader(q["after_each"], anchor=f"{q['key']}-after-each-session")
    st.markdown(q["timeline"])
    st.caption(q["timeline_note"])
    st.plotly_chart(q["timeline_figure"], key=f"timeline_chart_{q['key']}", config=CHART_CONFIG)
    with st.expander(q["numbers"]):
        st.markdown(q["timeline_table"])

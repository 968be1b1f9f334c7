"""The floor: a plain Streamlit app of the Overview's shape, with no gaptrack code.

    streamlit run benchmarks/floor_app.py        (benchmarks/load.py starts it beside the dashboard)

A sidebar multiselect (Plan heading), a metric, one Plotly bar chart, a table and a download
button, over the record's items and links read with pandas (a small frame, loaded once and
cached as a plain app would). Each rerun does what such an app does: filter, count items by
their furthest status per heading, build a Plotly figure (graph_objects, validated as Plotly
does by default), draw a table and hand over the CSV bytes of what is shown. benchmarks/load.py
drives it with the same websocket client, in the same run, as the dashboard: what a rerun
costs here is the floor that Streamlit itself puts under any app of this shape.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

DATA = Path(os.environ.get("FLOOR_DATA", Path(__file__).resolve().parents[1] / "data"))
RANK = {"proposed": 1, "pending": 2, "done": 3}
STATUSES = ("done", "pending", "proposed")


@st.cache_data
def load(folder: str) -> pd.DataFrame:
    """One row per item: id, kind, heading, English title and its furthest status."""
    items = pd.read_csv(Path(folder) / "items.csv", encoding="utf-8-sig", dtype=str)
    links = pd.read_csv(Path(folder) / "links.csv", encoding="utf-8-sig", dtype=str)
    links["rank"] = links["status"].map(RANK)
    furthest = links.sort_values("rank").groupby("item_id").tail(1)[["item_id", "status"]]
    return items[["item_id", "kind", "heading", "title_en"]].merge(furthest, on="item_id", how="left")


st.set_page_config(page_title="floor", layout="wide")
items = load(str(DATA))
headings = sorted(items["heading"].unique())
chosen = st.sidebar.multiselect("Heading", headings, key="heading", placeholder="All headings")
shown = items[items["heading"].isin(chosen)] if chosen else items

st.title("Coverage")
st.metric("Done", int((shown["status"] == "done").sum()), f"of {len(shown)}", border=True)

counts = shown.groupby(["heading", "status"]).size().unstack(fill_value=0).reindex(columns=STATUSES, fill_value=0)
figure = go.Figure(
    [go.Bar(y=counts.index.tolist(), x=counts[s].tolist(), name=s, orientation="h") for s in STATUSES],
    layout=go.Layout(barmode="stack", height=90 + 48 * max(len(counts), 1)),
)
st.plotly_chart(figure, key="chart")
st.dataframe(shown, hide_index=True)
st.download_button(
    "Download CSV",
    shown.to_csv(index=False).encode("utf-8-sig"),
    file_name="floor.csv",
    mime="text/csv",
    on_click="ignore",
)

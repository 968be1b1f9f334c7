"""Words in a table's label columns are never broken across lines: measured in Chromium with the
grid's own font, every word of every kind, status and heading label, in both languages, and every item id
and document symbol (the Items list's and the provenance's id columns: "rec-wg1-0" / "4" when "small"),
fits in the width dashboard.columns.label_width gives its column (the Items page's columns use it:
tests/test_items_page.py). A grid cell (a canvas) breaks a word that does not fit, mid-word."""

from __future__ import annotations

import pytest
from harness import wait_ready

from dashboard.columns import CELL_PADDING, FONT_PX, MEDIUM, SMALL, label_width
from transforms.database.queries import Filters, item_detail, item_list, labels
from transforms.presentation.i18n import t

MEASURE = """async ([words, size]) => {
  await document.fonts.ready;
  const context = document.createElement('canvas').getContext('2d');
  context.font = `${size}px ${getComputedStyle(document.body).fontFamily}`;  // the grid's font (Streamlit's theme)
  return Object.fromEntries(words.map((w) => [w, context.measureText(w).width]));
}"""


FIELDS = ("kind", "status", "heading")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_label_word_fits_its_column(page, server, shipped, lang):
    page.goto(f"{server}/items?lang={lang}")
    wait_ready(page)
    headers = {"en": ("Kind", "Status", "Heading"), "zh": ("类型", "状态", "标题")}[lang]
    ids = item_list(shipped, Filters(lang=lang)).item_id.tolist()
    symbols = {s for i in ids for s in item_detail(shipped, i, Filters(lang=lang))[1].document_symbol if s}
    named = labels(shipped, lang)
    columns = {
        **{f: (list(named[f].values()), h, m) for f, h, m in zip(FIELDS, headers, (SMALL, SMALL, MEDIUM))},
        "item_id": (ids, t(lang, "item_id"), SMALL),
        "document_symbol": (sorted(symbols), t(lang, "document"), SMALL),
    }
    assert len(ids) > 30 and len(symbols) > 3
    for field, (values, header, least) in columns.items():
        width = label_width(values, header, least)
        words = [w for v in values for w in v.split()] + [header]
        measured = page.evaluate(MEASURE, [words, FONT_PX])
        assert measured and all(w > 0 for w in measured.values())
        too_wide = {w: round(m) for w, m in measured.items() if m + 2 * CELL_PADDING > width}
        assert not too_wide, (field, width, too_wide)

"""The briefing's inline CSS: A4 print with repeating table headers, rows kept whole, long text
wrapped (Chinese and long symbols included), and a one-column layout in a narrow window."""

from __future__ import annotations

import re

LATIN = '"Noto Sans", "Source Sans Pro", "Helvetica Neue", Arial, "DejaVu Sans"'
CJK = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei"'

STYLE = f"""
:root {{ --ink: #1B1F24; --muted: #4a525b; --rule: #c4cbd3; --band: #F2F4F7; --accent: #0072B2; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: {LATIN}, {CJK}, sans-serif; color: var(--ink); font-size: 10.5pt; line-height: 1.45;
  max-width: 180mm; margin: 0 auto; padding: 16px; }}
body:lang(zh-Hans), .quote {{ font-family: {CJK}, {LATIN}, sans-serif; }}
h1 {{ font-size: 19pt; line-height: 1.2; margin: 0 0 6px; }}
h2 {{ font-size: 14pt; margin: 20px 0 8px; padding-bottom: 2px; border-bottom: 2px solid var(--accent);
  break-after: avoid; page-break-after: avoid; }}
h3 {{ font-size: 11.5pt; margin: 14px 0 4px; break-after: avoid; page-break-after: avoid; }}
h3 .count {{ font-weight: normal; color: var(--muted); font-size: 0.9em; }}
p {{ margin: 4px 0 8px; }}
.brand {{ color: var(--accent); font-weight: 700; letter-spacing: 0.04em; margin: 0; }}
.intro {{ color: var(--muted); }}
.facts {{ display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 10px 0;
  padding: 8px 12px; background: var(--band); border-left: 4px solid var(--accent); }}
.facts dt {{ font-weight: 600; }}
.facts dd {{ margin: 0; overflow-wrap: anywhere; }}
code {{ font-family: "DejaVu Sans Mono", "Noto Sans Mono", Consolas, monospace; font-size: 0.9em;
  overflow-wrap: anywhere; }}
td code {{ display: inline-block; max-width: 100%; }}
pre {{ white-space: pre-wrap; overflow-wrap: anywhere; background: var(--band); padding: 6px 8px; }}
table {{ width: 100%; border-collapse: collapse; table-layout: fixed; margin: 4px 0 12px; }}
thead {{ display: table-header-group; }}
th, td {{ text-align: left; vertical-align: top; padding: 4px 6px; border-bottom: 1px solid var(--rule);
  overflow-wrap: anywhere; word-break: normal; line-break: auto; }}
thead th {{ background: var(--band); border-bottom: 1.5px solid var(--ink); font-weight: 600; }}
thead th:lang(zh) {{ word-break: keep-all; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
tr.total td {{ font-weight: 700; border-top: 1.5px solid var(--ink); border-bottom: 0; }}
figure {{ margin: 6px 0; break-inside: avoid; page-break-inside: avoid; }}
figcaption {{ color: var(--muted); font-size: 0.9em; }}
.chart {{ margin: 4px 0; }}
.chart .defs {{ position: absolute; }}
.bar-row {{ margin: 0 0 8px; break-inside: avoid; }}
.bar-label {{ overflow-wrap: anywhere; }}
/* the totals' column: as wide beside every bar (one scale), for the longest total ("1,050") */
.bar-line {{ display: grid; grid-template-columns: minmax(0, 1fr) max(2.4em, calc(var(--total-chars, 1) * 1.15ch));
  align-items: center; gap: 6px; }}
.bar {{ display: block; overflow: visible; }}
.bar text {{ font-size: 12px; font-weight: 700; fill: #111; paint-order: stroke; stroke: #fff; stroke-width: 3px;
  stroke-linejoin: round; }}
.bar-total {{ font-weight: 700; }}
.legend {{ list-style: none; display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 0; margin: 4px 0 6px; }}
.swatch {{ width: 0.95em; height: 0.95em; vertical-align: -0.12em; }}
.items .meta {{ display: block; color: var(--muted); font-size: 0.92em; }}
.items .title {{ margin: 0; font-weight: 600; }}
.items .quote-language {{ margin: 4px 0 0; color: var(--muted); font-size: 0.85em; }}
.items .quote {{ margin: 4px 0 0; padding: 1px 0 1px 8px; border-left: 3px solid var(--rule); }}
.items ul {{ margin: 0; padding: 0; list-style: none; }}
.items li + li {{ margin-top: 3px; }}
.keep {{ break-inside: avoid; page-break-inside: avoid; }}
@page {{ size: A4; margin: 15mm 14mm 17mm; }}
@media print {{
  body {{ max-width: none; padding: 0; font-size: 9.5pt; }}
  .new-page {{ break-before: page; page-break-before: always; }}
}}
@media screen and (max-width: 640px) {{
  body {{ padding: 10px; font-size: 10pt; }}
  .facts {{ grid-template-columns: 1fr; }}
  .facts dd {{ margin-bottom: 4px; }}
  table.coverage {{ table-layout: auto; font-size: 0.8em; }}
  table.coverage th, table.coverage td {{ padding: 4px 3px; }}
  /* a phone: headings wrap between their words only (a word wider than its column was cut:
     "Preventi|ng"), so the table is set smaller to hold its longest word and every column */
  table.coverage th, table.coverage td {{ overflow-wrap: normal; }}
  table.items thead {{ display: none; }}
  table.items, table.items tbody, table.items tr, table.items td {{ display: block; width: auto; }}
  table.items tr {{ border-bottom: 1.5px solid var(--ink); padding: 6px 0; }}
  table.items td {{ border: 0; padding: 2px 0; }}
  table.items td::before {{ content: attr(data-label); display: block; font-size: 0.82em; font-weight: 600;
    color: var(--muted); }}
}}
/* a small phone (360 px): the coverage table's seven columns at their longest words ("Strengthening",
   "Proposed", "1,050") and padding were up to 14 px wider than the page: less padding, a little smaller */
@media screen and (max-width: 380px) {{
  body {{ padding: 8px; }}
  table.coverage {{ font-size: 0.77em; }}
  table.coverage th, table.coverage td {{ padding: 4px 2px; }}
}}
"""

# The briefing's Chinese table headers (the catalogs' text) with "|" between their words: Chinese is
# written without spaces, and its headers break only there (report.header_html draws a <wbr>) and at
# punctuation (word-break: keep-all above), never inside a word ("已完成比|例").
CHINESE_HEADER_WORDS = (
    "已完成|比例",
    "记录|在案",
    "《全球|行动|计划》|段落",
    "是否有|记录中的|条目|涉及",
    "涉及|该要求的|条目",
    "名称和|来源原文",
    "关联的|会议",
)


def css_string(text: str) -> str:
    """Text as a quoted CSS string that cannot end the string or the style element."""
    escaped = "".join(c if c.isalnum() or c in " .,:;·()/-_，：" else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'


def page_footer_css(left: str, page_template: str) -> str:
    """@page margin boxes: left text at the bottom left, 'page {page} of {pages}' at the bottom right."""
    parts = re.split(r"(\{page\}|\{pages\})", page_template)
    counters = " ".join(f"counter({p[1:-1]})" if p in ("{page}", "{pages}") else css_string(p) for p in parts if p)
    box = f"font-family: {LATIN}, {CJK}, sans-serif; font-size: 7.5pt; color: #4a525b;"
    return (
        f"@page {{ @bottom-left {{ content: {css_string(left)}; {box} }} "
        f"@bottom-right {{ content: {counters}; {box} }} }}"
    )

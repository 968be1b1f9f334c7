"""The fifth-session report (tests/review/wg5-report.en.txt) laid out as a one-page A4 PDF with reportlab:
masthead with its own symbol and date of issue, numbered paragraphs, lettered sub-headings, a footnote
in smaller type at the page foot under a rule, a job-number footer."""

from __future__ import annotations

import io

BODY, SMALL = 10, 8
LINES = [
    ("pair", ("United Nations", "CTOC/COP/WG.4/2013/5")),
    ("right", "Distr.: General"),
    ("right", "20 December 2013"),
    ("right", "Original: English"),
    ("left", "Working Group on Trafficking in Persons"),
    ("left", "Vienna, 6-8 November 2013"),
    ("left", "I. Recommendations"),
    ("left", "1. At its fifth session, held in Vienna from 6 to 8 November 2013, the Working Group on"),
    ("left", ("Trafficking in Persons adopted the following recommendations:", "1")),
    ("left", "A. Preventing trafficking in persons"),
    ("left", "(a) States parties should train border and labour officials to identify victims of trafficking;"),
    ("left", "B. Protecting and assisting victims of trafficking"),
    ("left", "(b) States parties should give victims access to shelters and legal aid (paragraph 27 of the"),
    ("left", "Global Plan);"),
    ("left", "C. Strengthening partnerships against trafficking in persons"),
    ("left", "(c) States parties should share information on trafficking routes through regional networks."),
    ("left", "2. The Working Group requested the Secretariat to report on the implementation of these"),
    ("left", "recommendations at its next session."),
]


def wg5_report_pdf() -> bytes:
    """The report as PDF bytes (Helvetica; body 10 pt, footnote and footer 8 pt)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    y = A4[1] - 60
    for kind, text in LINES:
        c.setFont("Helvetica", BODY)
        if kind == "pair":
            c.drawString(56, y, text[0])
            c.drawString(380, y, text[1])
        elif isinstance(text, tuple):  # a footnote marker raised in small type after the text
            c.drawString(56, y, text[0])
            c.setFont("Helvetica", 6)
            c.drawString(56 + c.stringWidth(text[0], "Helvetica", BODY) + 0.5, y + 4, text[1])
        else:
            c.drawString(380 if kind == "right" else 56, y, text)
        y -= 16
    c.line(56, 150, 160, 150)  # the short rule above the footnotes
    c.setFont("Helvetica", SMALL)
    c.drawString(56, 136, "1 CTOC/COP/WG.4/2013/4.")
    c.drawString(56, 40, "V.13-88888 (E)    201213    201213")  # job number with date stamps
    c.showPage()
    c.save()
    return out.getvalue()

"""UN report fixtures made in the tests: a PDF drawn with reportlab and a Word file written with python-docx, in
the layout of a report of the Working Group (masthead with symbol and date of issue, numbered paragraphs, lettered
sub-headings, footnotes in smaller type at the page foot under a rule, a list item running over a page break and
interrupted by the footnotes, running heads with the symbol, a job-number footer and a bar code on page 1)."""

from __future__ import annotations

import io

SYMBOL = "CTOC/COP/WG.4/2010/6"
BODY, SMALL = 10, 8

# (page, kind, text): kind 'left' (body text at the left margin), 'right' (masthead, right column), 'heading'
PAGE_1 = [
    ("pair", ("United Nations", SYMBOL)),
    ("right", "Distr.: General"),
    ("right", "2 February 2010"),
    ("right", "Original: English"),
    ("left", "Conference of the Parties to the United Nations"),
    ("left", "Convention against Transnational Organized Crime"),
    ("left", "Working Group on Trafficking in Persons"),
    ("left", "Vienna, 27-29 January 2010"),
    ("left", ("Item 2 of the provisional agenda", "1")),
    ("left", "Report on the meeting of the Working Group"),
    ("left", "I. Introduction"),
    ("left", "1. The Working Group on Trafficking in Persons held its second meeting in Vienna"),
    ("left", "from 27 to 29 January 2010."),
    ("left", "2. The meeting was opened by the Chair."),
    ("left", "II. Recommendations"),
    ("left", "A. Prevention"),
    ("left", "3. States parties should collect data on trafficking in persons."),
    ("left", ("4. The Working Group recommended that States parties consider the following measures:", "2")),
    ("left", "(a) Raising awareness among young people;"),
    ("left", "(b) Training staff of embassies and consulates to identify victims of"),
]
FOOTNOTES_1 = [("1", "CTOC/COP/WG.4/2010/1."), ("2", "General Assembly resolution 61/180, annex.")]
PAGE_2 = [
    ("left", "trafficking and to refer them to services;"),
    ("left", "(c) Cooperating with civil society, in particular:"),
    ("left", "(i) Shelters run by non-governmental organizations;"),
    ("left", "(ii) Hotlines for people at risk."),
    ("left", "B. Protection"),
    ("left", "5. States parties should ensure that victims are not punished for having been trafficked"),
    ("left", "(Global Plan of Action, para. 30)."),
]
PAGE_3 = [("left", "6. The Working Group adopted the present report.")]


def report_pdf() -> bytes:
    """The report as a three-page A4 PDF (Helvetica; body 10 pt, footnotes and footers 8 pt)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    width, height = A4

    def draw(lines, y):
        for kind, text in lines:
            if kind == "pair":
                c.setFont("Helvetica", BODY)
                c.drawString(56, y, text[0])
                c.drawString(380, y, text[1])
            elif isinstance(text, tuple):  # a footnote marker raised in small type after the text
                c.setFont("Helvetica", BODY)
                c.drawString(56, y, text[0])
                c.setFont("Helvetica", 6)
                c.drawString(56 + c.stringWidth(text[0], "Helvetica", BODY) + 0.5, y + 4, text[1])
            else:
                c.setFont("Helvetica", BODY)
                c.drawString(380 if kind == "right" else 56, y, text)
            y -= 16
        return y

    def footer(page: int) -> None:
        c.setFont("Helvetica", SMALL)
        c.drawString(56, 40, "Working Group report, second session")
        c.drawString(500, 25, str(page))
        c.drawString(380, height - 40, SYMBOL)  # running head with the symbol

    draw(PAGE_1, height - 60)
    c.line(56, 150, 160, 150)  # the short rule above the footnotes
    c.setFont("Helvetica", SMALL)
    for i, (marker, text) in enumerate(FOOTNOTES_1):
        c.drawString(56, 136 - 11 * i, f"{marker} {text}")
    c.drawString(56, 40, "V.10-50502 (E)    170210    180210")  # job number with date stamps
    c.drawString(400, 40, "*1050502*")  # bar code (its human-readable line)
    c.showPage()
    footer(2)
    draw(PAGE_2, height - 80)
    c.showPage()
    footer(3)
    draw(PAGE_3, height - 80)
    c.showPage()
    c.save()
    return out.getvalue()


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _footnote_reference(paragraph, note_id: int) -> None:
    """Append a real footnote reference (w:footnoteReference in a superscript run) to a python-docx paragraph."""
    from docx.oxml import parse_xml

    paragraph._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>'
        )
    )


def _footnotes_part(document, notes: dict[int, str]) -> None:
    """Add word/footnotes.xml (separators and the notes) and relate it to the document, as Word writes it."""
    from xml.sax.saxutils import escape

    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
        for i, text in notes.items()
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        f"</w:footnote>{body}</w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, xml.encode(), document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def report_docx() -> bytes:
    """The same report as a Word file: masthead in a table, footnotes in the footnotes part (ids 7 and 9, numbered
    1 and 2 by order of reference), the symbol as the running head and the job number in the page footer."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = SYMBOL
    section.footer.paragraphs[0].text = "V.10-50502 (E)    170210    180210    *1050502*"
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "United Nations", SYMBOL
    notes = {7: FOOTNOTES_1[0][1], 9: FOOTNOTES_1[1][1]}
    paragraphs = [text for kind, text in PAGE_1[1:]] + [text for kind, text in PAGE_2] + [t for k, t in PAGE_3]
    joined = []
    for text in paragraphs:  # one Word paragraph per paragraph of the text: wrapped lines are joined
        if isinstance(text, str) and joined and isinstance(joined[-1], str) and joined[-1].endswith((" of", "Vienna")):
            joined[-1] += " " + text
        elif isinstance(text, str) and text.startswith("(Global Plan"):
            joined[-1] += " " + text
        else:
            joined.append(text)
    marker_ids = iter(notes)
    for text in joined:
        if isinstance(text, tuple):
            paragraph = document.add_paragraph(text[0])
            _footnote_reference(paragraph, next(marker_ids))
        else:
            document.add_paragraph(text)
    _footnotes_part(document, notes)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def chinese_pdf(text: str, symbol: str = "CTOC/COP/WG.4/2011/2", per_line: int = 38, per_page: int = 40) -> bytes:
    """A Chinese text laid out as a UN PDF (reportlab's STSong-Light CID font, nothing embedded): lines wrapped
    at `per_line` characters (never inside a number; a continuation indented like its line), footnote lines in
    8 pt at the foot of the page where they stand, markers raised in small type, the job number and bar code at
    the foot of page 1, the symbol as the running head and the page number on later pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    pages: list[tuple[list[str], list[str]]] = [([], [])]
    for line in text.splitlines():
        body, notes = pages[-1]
        if line[:1] in "¹²³⁴⁵*" and line[1:2] == " ":
            notes.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        rest = line.lstrip()
        pieces = _wrap(rest, per_line)
        for n, piece in enumerate(pieces):
            body.append((indent if n == 0 else indent + "  ") + piece)
            if len(body) >= per_page:
                pages.append(([], []))
                body = pages[-1][0]
    for number, (body, notes) in enumerate(pages, start=1):
        c.setFont("STSong-Light", 10)
        y = height - 70
        for line in body:
            _draw_with_markers(c, 56, y, line.replace("\t", "    "))
            y -= 16
        c.setFont("STSong-Light", 8)
        c.line(56, 130, 160, 130)
        for i, note in enumerate(notes):
            c.drawString(56, 118 - 10 * i, note.translate(PLAIN_DIGITS))
        if number == 1:
            c.drawString(56, 40, "V.11-84895 (C)    GZ    100811    110811")
            c.drawString(400, 40, "*1184895*")
        else:
            c.drawString(400, height - 40, symbol)
            c.drawString(300, 30, str(number))
        c.showPage()
    c.save()
    return out.getvalue()


PLAIN_DIGITS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")


def _draw_with_markers(c, x: float, y: float, line: str) -> None:
    """Draw a body line; its superscript markers as small digits raised above the line, as UN PDFs print them."""
    import re

    for piece in re.split(r"([¹²³⁴⁵⁶⁷⁸⁹⁰]+)", line):
        small = piece[:1] in "¹²³⁴⁵⁶⁷⁸⁹⁰" and piece != ""
        size = 6 if small else 10
        text = piece.translate(PLAIN_DIGITS) if small else piece
        c.setFont("STSong-Light", size)
        c.drawString(x, y + (4 if small else 0), text)
        x += c.stringWidth(text, "STSong-Light", size)


def _wrap(text: str, width: int) -> list[str]:
    """Cut a line every `width` characters, never inside a number or a Latin word (as typesetting does)."""
    pieces = []
    while len(text) > width:
        at = width
        while (
            at > 1 and text[at - 1].isascii() and text[at - 1].isalnum() and text[at].isascii() and text[at].isalnum()
        ):
            at -= 1
        pieces.append(text[:at])
        text = text[at:]
    return pieces + [text] if text or not pieces else pieces

"""Small documents made in the tests for the ingest fixes: Word files with automatic numbering and a masthead in
the first-page header (python-docx), PDFs drawn with reportlab line by line at chosen positions and sizes."""

from __future__ import annotations

import io

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LEVELS = ((0, "decimal", "%1."), (1, "lowerLetter", "(%2)"), (2, "lowerRoman", "(%3)"))


def numbered_list(document, num_id: int = 90, levels=LEVELS) -> int:
    """Add to a python-docx Document's numbering part an abstract numbering with the given (level, format,
    text) levels and a list (w:num) using it; returns the list's numId."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, fmt, text in levels
    )
    abstract = parse_xml(f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{num_id}">{lvls}</w:abstractNum>')
    numbering.insert(0, abstract)  # abstract numberings stand before the lists
    numbering.append(
        parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>')
    )
    return num_id


def number(paragraph, num_id: int, level: int = 0) -> None:
    """Give a python-docx paragraph automatic numbering (list num_id, level)."""
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(
        0,
        parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'),
    )


def docx_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_of(pages, size=(595.0, 842.0)) -> bytes:
    """A PDF drawn with reportlab: pages is a list of pages, each a list of (x, y_from_top, font_size, text) or
    (x, y_from_top, font_size, text, marker): a footnote marker raised 4 points in 6-point type after the text."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=size)
    for page in pages:
        for x, y, font_size, text, *marker in page:
            c.setFont("Helvetica", font_size)
            c.drawString(x, size[1] - y, text)
            if marker:
                c.setFont("Helvetica", 6)
                c.drawString(x + c.stringWidth(text, "Helvetica", font_size) + 0.5, size[1] - y + 4, marker[0])
        c.showPage()
    c.save()
    return out.getvalue()

"""What a new user found reviewing documents (review-fix): each fault reproduced on a fixture made here."""

from __future__ import annotations

import pytest
from un_documents import SYMBOL, report_docx, report_pdf

from transforms.record.source_text import split_paragraphs
from transforms.review import rules as review


@pytest.mark.parametrize(("name", "make"), [("report.docx", report_docx), ("report.pdf", report_pdf)])
def test_the_report_itself_is_quoted_from_the_header_of_the_kept_text(name, make):
    """Finding 1: ingest drops the masthead's symbol line as page furniture; the report's own cited-document
    candidate quotes the symbol in paragraph 'header': the text kept under sources/ must hold it there."""
    candidates, text = review.read_upload(name, make(), source_id="the-report")
    own = candidates.documents[candidates.documents.symbol == SYMBOL].to_dict("records")[0]
    assert (own["source_paragraph"], own["quote"]) == ("header", SYMBOL)
    assert SYMBOL in split_paragraphs(text)["header"]

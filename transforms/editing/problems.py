"""A save the build refused, said of the Edit page's form: which field, what is wrong, how to fix.

The build names a file, a line and a column (transforms.record.errors.DataError), which an officer
filling a form never saw. Here the column becomes the label of the field they typed it in (the
Edit page's own label, in their language), the line is left out, and the message ends with what to
do. Errors with no column (a whole file) keep the build's words, in the user's language where the
catalogs have them.
"""

from __future__ import annotations

from pathlib import Path

from ..presentation.i18n import catalog, t
from ..record.errors import DataError, message_of

# A column -> the catalog key of the form field it is typed in, where the key is not edit_<column>.
FIELD_LABELS = {
    "source_paragraph": "edit_paragraph",
    "quote": "edit_quote",
    "source_id": "edit_source",
    "cited_in_paragraph": "edit_cited_in",
    "document_id": "edit_document",
    "session_id": "edit_session",
    "item_id": "edit_item",
    "requirement_id": "edit_address_requirement",
    "rationale_en": "edit_address_rationale_en",
    "rationale_zh": "edit_address_rationale_zh",
    "basis": "edit_address_basis",
    "kind": "kind",
    "heading": "heading",
    "status": "status",
    "issued_date": "edit_issued",
    "original_language": "edit_original",
    "language": "edit_language",
    "start_date": "edit_start_date",
    "end_date": "edit_end_date",
}
# The id of a row being added is typed in a field of its own (the Add tabs): file stem, column -> key.
NEW_ROW_LABELS = {
    ("sessions", "session_id"): "edit_new_session_id",
    ("sources", "source_id"): "edit_new_source_id",
    ("documents", "document_id"): "edit_new_document_id",
    ("items", "item_id"): "edit_new_item_id",
}


def field_label(lang: str, column: str, file: str | None = None) -> str:
    """The Edit page's label of the field holding `column` of `file` (a path or name such as
    data/sessions.csv; None: any file), in lang; the column's name if it has none."""
    stem = Path(file).name.split(".")[0] if file else None
    key = NEW_ROW_LABELS.get((stem, column)) or FIELD_LABELS.get(column, f"edit_{column}")
    return t(lang, key) if key in catalog(lang) else column


def edit_problem(err: Exception, lang: str) -> str:
    """One message for a refused save, in lang: "<field>: “<value>” is not accepted; expected
    <what>. Correct this field and save again." for a DataError naming a column; otherwise the
    error's own message in lang (catalog messages) after "The record would not be valid …"."""
    if isinstance(err, DataError) and err.column and "+" not in err.column:
        found = t(lang, "edit_field_empty") if not err.value else t(lang, "edit_field_found", value=err.value)
        field = field_label(lang, err.column, err.file)
        return t(lang, "edit_field_problem", field=field, found=found, expected=err.expectation(lang))
    return t(lang, "edit_record_problem", message=message_of(err, lang))

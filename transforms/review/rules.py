"""From a document's candidate rows to one change of the record: the rules the Edit page's
"Read a document" review and `gaptrack merge DIR` share.

A `Proposal` holds the rows a reviewer accepted, per table, in the data's own columns (text
cells), with where each came from (file and line, for messages), plus the source document's row
and its text. `plan_merge(proposal)` is a plan for `saving.save`: under the lock, against the
record as it is then, it

  1. gives every candidate id (`cand-…`) a record id following the record's scheme
     (`assign_ids`): sessions `<body>-<number>` (wg-5), documents from their symbol
     (CTOC/COP/WG.4/2013/4 -> wg4-2013-4) or `<body>-dec|res-N-M`, items `req-gpa-N` for a Plan
     paragraph, else `rec-<session>-NN` / `topic-<session>-NN` (session without its dash:
     rec-wg5-01), numbered after the ones the record has; references follow;
  2. leaves out what the record already holds (`matches`: the same session (body and number),
     the same symbol, the same Plan paragraph, the same quote, the same item at the same
     session; a source with the same symbol and language) and points references at the existing
     row instead, so nothing is added twice; items the record holds from the same symbol in another
     language are listed for the reviewer (`other_language_lines`), not matched;
  3. refuses rows left half-filled (`problems`): every field the record requires and the
     document cannot give (an English title for a Chinese source, a Chinese title for an
     English one, a heading where the document places the item under none, the session and
     status of each item: a new item needs its links row), naming file, line, field, what is missing
     and why; and rows the record contradicts (`conflicts`): a session matched by body and number
     whose dates differ, an existing id typed for another quote or source;
  4. returns one Edit: the source row and its text, sessions, documents, items, links. The
     save validates the staged record exactly as `gaptrack build` does, logs one audit entry,
     and `undo` takes it all back in one step.

Errors: `ReviewRefused` (a UsageError) lists the problems, in English and Chinese.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..editing.saving import Current, Edit, FileChange, RowChange
from ..presentation.i18n import t
from ..record.errors import DataError, UsageError
from ..record.schema import ID_PATTERN, TABLE_BY_NAME

Row = dict[str, str]
ORDER = ("sources", "sessions", "documents", "items", "links")  # the order rows are added in
CANDIDATE = "cand-"
CANDIDATE_NOTE = "candidate:"  # ingest's notes to the reviewer (how a row was read), not kept in the record
ID_COLUMN = {"sources": "source_id", "sessions": "session_id", "documents": "document_id", "items": "item_id"}
REFERENCES = {  # (table, column) -> the table its value names
    ("sessions", "source_id"): "sources",
    ("documents", "source_id"): "sources",
    ("documents", "session_id"): "sessions",
    ("items", "source_id"): "sources",
    ("links", "item_id"): "items",
    ("links", "session_id"): "sessions",
    ("links", "document_id"): "documents",
    ("links", "source_id"): "sources",
}
FILLED_IN = {("sessions", "sequence"), ("sources", "path")}  # the merge fills these when empty
LANGUAGE_OF_TITLE = {"title_en": "en", "title_zh": "zh", "cited_for_en": "en", "cited_for_zh": "zh"}
LANGUAGE_OF_TITLE.update(venue_en="en", venue_zh="zh")


@dataclass
class Proposal:
    """Accepted candidate rows per table (text cells in the data's columns), with where each came
    from: `places[table][i]` = (file name, line) of `rows[table][i]`. `text`: the source document's
    plain text (UTF-8), added under the source row's path."""

    rows: dict[str, list[Row]] = field(default_factory=dict)
    places: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    text: bytes | None = None

    def add(self, table: str, row: Mapping[str, object], place: tuple[str, int]) -> None:
        """Accept one row (cells trimmed; a reader's note 'candidate: …' from ingest is not kept)."""
        columns = TABLE_BY_NAME[table].column_names
        cells = {c: _cell(row.get(c)) for c in columns}
        if cells.get("note", "").startswith(CANDIDATE_NOTE):
            cells["note"] = ""
        self.rows.setdefault(table, []).append(cells)
        self.places.setdefault(table, []).append(place)

    def table(self, table: str) -> list[Row]:
        return self.rows.get(table, [])

    @property
    def source(self) -> Row | None:
        sources = self.table("sources")
        return sources[0] if sources else None


@dataclass(frozen=True)
class Problem:
    """A field a row still needs: where (file, line, field), and the key of the reason."""

    file: str
    line: int
    column: str
    why: str  # a message key in locales/review.*.toml
    values: tuple[tuple[str, str], ...] = ()
    template: str = "review_problem"  # review_conflict: a value that contradicts the record, not a missing one

    def message(self, lang: str) -> str:
        why = t(lang, self.why, **dict(self.values))
        return t(lang, self.template, file=self.file, line=self.line, column=self.column, why=why)


class ReviewRefused(UsageError):
    """Rows left half-filled: nothing is saved. `problems` lists each, `message(lang)` says them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        head = t(lang, "review_refused", count=len(self.problems))
        return "\n".join([head, *(f"- {p.message(lang)}" for p in self.problems)])


@dataclass
class Resolved:
    """What a merge adds, after ids are assigned and what the record holds is left out."""

    rows: dict[str, list[Row]]  # table -> rows to add
    places: dict[str, list[tuple[str, int]]]
    ids: dict[str, dict[str, str]]  # table -> candidate id -> record id (assigned or matched)
    matched: list[tuple[str, str, str, str]]  # (table, candidate id, existing id, reason key)
    conflicts: list[Problem] = field(default_factory=list)  # matches the record contradicts (see `conflicts`)


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def compact(text: str) -> str:
    """A wording compared across line breaks and spacing (for matching quotes)."""
    return re.sub(r"\s+", "", text).casefold()


# ---------------------------------------------------------------- ids and matches


def document_id_for(symbol: str) -> str:
    """The record's id for a document symbol: CTOC/COP/WG.4/2013/4 -> wg4-2013-4."""
    short = re.sub(r"^CTOC/COP/", "", symbol.strip(), flags=re.IGNORECASE)
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", short.lower().replace(".", ""))).strip("-")


def _session_short(session_id: str) -> str:
    return session_id.replace("-", "")


def _next_number(taken: set[str], prefix: str) -> str:
    n = 1
    while f"{prefix}{n:02d}" in taken:
        n += 1
    return f"{prefix}{n:02d}"


def matches(proposal: Proposal, current: Current) -> dict[tuple[str, int], list[tuple[str, str]]]:
    """What the record already holds for each candidate: (table, index) -> [(existing id, reason key)].

    Same session: the same body and number, or the same id. Same document: the same symbol or id.
    Same item: the same Plan paragraph for a requirement, the same quote, or the same id. Same link:
    the same item (as matched) at the same session."""
    found: dict[tuple[str, int], list[tuple[str, str]]] = {}
    sessions = current.rows("sessions")
    documents = current.rows("documents")
    items = current.rows("items")
    for i, row in enumerate(proposal.table("sessions")):
        hits = [(s["session_id"], "review_same_id") for s in sessions if s["session_id"] == row["session_id"]]
        hits += [
            (s["session_id"], "review_same_session")
            for s in sessions
            if row["body"] and row["number"] and (s["body"], s["number"]) == (row["body"], row["number"])
        ]
        hits += [
            (s["session_id"], "review_same_dates")
            for s in sessions
            if row["body"] and row["start_date"] and (s["body"], s["start_date"]) == (row["body"], row["start_date"])
        ]
        if hits:
            found[("sessions", i)] = list(dict.fromkeys(hits))
    for i, row in enumerate(proposal.table("documents")):
        hits = [(d["document_id"], "review_same_id") for d in documents if d["document_id"] == row["document_id"]]
        hits += [
            (d["document_id"], "review_same_symbol")
            for d in documents
            if row["symbol"] and d["symbol"] == row["symbol"]
        ]
        if hits:
            found[("documents", i)] = list(dict.fromkeys(hits))
    quotes = {}
    for item in items:
        quotes.setdefault(compact(item["quote"]), []).append(item["item_id"])
    for i, row in enumerate(proposal.table("items")):
        hits = [(x["item_id"], "review_same_id") for x in items if x["item_id"] == row["item_id"]]
        if row["kind"] == "requirement" and row["plan_paragraph"]:
            hits += [
                (x["item_id"], "review_same_plan_paragraph")
                for x in items
                if x["kind"] == "requirement" and x["plan_paragraph"] == row["plan_paragraph"]
            ]
        hits += [(item_id, "review_same_quote") for item_id in quotes.get(compact(row["quote"]), [])]
        if hits:
            found[("items", i)] = list(dict.fromkeys(hits))
    return found


def assign_ids(proposal: Proposal, current: Current) -> Resolved:
    """Record ids for candidate ids, and the rows left to add (see the module's docstring)."""
    found = matches(proposal, current)
    ids: dict[str, dict[str, str]] = {t: {} for t in ID_COLUMN}
    matched: list[tuple[str, str, str, str]] = []
    rows: dict[str, list[Row]] = {t: [] for t in ORDER}
    places: dict[str, list[tuple[str, int]]] = {t: [] for t in ORDER}
    taken = {t: {r[c] for r in current.rows(t)} for t, c in ID_COLUMN.items()}

    def keep(table: str, index: int, row: Row) -> None:
        rows[table].append(row)
        places[table].append(proposal.places[table][index])

    for index, row in enumerate(proposal.table("sources")):
        same = same_source(row, current)
        ids["sources"][row["source_id"]] = same or row["source_id"]
        if same:
            matched.append(("sources", row["source_id"], same, "review_same_symbol_language"))
            continue
        keep("sources", index, dict(row))
    for table in ("sessions", "documents"):
        column = ID_COLUMN[table]
        for index, row in enumerate(proposal.table(table)):
            row = dict(row)
            if hit := found.get((table, index)):
                ids[table][row[column]] = hit[0][0]
                matched.append((table, row[column], hit[0][0], hit[0][1]))
                continue
            if row[column].startswith(CANDIDATE) or not row[column]:
                row[column] = _new_id(table, row, taken, ids)
            ids[table][proposal.table(table)[index][column]] = row[column]
            taken[table].add(row[column])
            keep(table, index, row)
    links = proposal.table("links")
    for index, row in enumerate(proposal.table("items")):
        row = dict(row)
        if hit := found.get(("items", index)):
            ids["items"][row["item_id"]] = hit[0][0]
            matched.append(("items", row["item_id"], hit[0][0], hit[0][1]))
            continue
        if row["item_id"].startswith(CANDIDATE) or not row["item_id"]:
            session = next((s["session_id"] for s in links if s["item_id"] == row["item_id"] and s["session_id"]), "")
            session = ids["sessions"].get(session, session)
            row["item_id"] = _item_id(row, session, taken["items"])
        ids["items"][proposal.table("items")[index]["item_id"]] = row["item_id"]
        taken["items"].add(row["item_id"])
        keep("items", index, row)
    existing_links = {(r["item_id"], r["session_id"]) for r in current.rows("links")}
    for index, row in enumerate(links):
        row = {**row, **{c: ids[target].get(row[c], row[c]) for (tb, c), target in REFERENCES.items() if tb == "links"}}
        if (row["item_id"], row["session_id"]) in existing_links:
            matched.append(("links", f"{row['item_id']}/{row['session_id']}", "", "review_same_link"))
            continue
        keep("links", index, row)
    for table in ("sessions", "documents", "items"):
        for row in rows[table]:
            for (tb, column), target in REFERENCES.items():
                if tb == table:
                    row[column] = ids[target].get(row[column], row[column])
    return Resolved(rows, places, ids, matched, conflicts(proposal, current, found, ids))


def conflicts(proposal: Proposal, current: Current, found, ids: Mapping[str, Mapping[str, str]]) -> list[Problem]:
    """Matches the record contradicts, and items left without a status, as Problems (refused):

    - a session matching a recorded one by body and number (or id) whose dates differ (a number
      typed wrong would file the new session's results under the old one);
    - an item whose id is one the record has but whose quote or source differs (an id typed in
      would merge it into an unrelated item);
    - a new item with no links row (its status at the document's session), e.g. that row deleted.
    found: what `matches` returned; ids: candidate id -> record id per table (the source matched by symbol)."""
    out: list[Problem] = []
    sessions = {r["session_id"]: r for r in current.rows("sessions")}
    for index, row in enumerate(proposal.table("sessions")):
        file, line = proposal.places["sessions"][index]
        for existing_id, why in found.get(("sessions", index), []):
            if why not in ("review_same_session", "review_same_id"):
                continue
            existing = sessions[existing_id]
            differ = [c for c in ("start_date", "end_date") if row[c] and existing[c] and row[c] != existing[c]]
            if differ:
                dates = (("existing", existing_id), ("recorded", _dates(existing)), ("read", _dates(row)))
                out.append(Problem(file, line, "number", "review_why_session_dates", dates, "review_conflict"))
                break
    items = {r["item_id"]: r for r in current.rows("items")}
    for index, row in enumerate(proposal.table("items")):
        file, line = proposal.places["items"][index]
        existing = items.get(row["item_id"])
        if existing and any(h[1] == "review_same_id" for h in found.get(("items", index), [])):
            source = ids["sources"].get(row["source_id"], row["source_id"])
            if compact(existing["quote"]) != compact(row["quote"]) or existing["source_id"] != source:
                values = (("value", row["item_id"]), ("source", existing["source_id"]), ("quote", existing["quote"]))
                out.append(Problem(file, line, "item_id", "review_why_item_id_taken", values, "review_conflict"))
    linked = {link["item_id"] for link in proposal.table("links")}
    for index, row in enumerate(proposal.table("items")):
        if ("items", index) not in found and row["item_id"] not in linked:
            file, line = proposal.places["items"][index]
            out.append(Problem(file, line, "status", "review_why_no_link", (("value", row["item_id"]),)))
    return out


def _dates(row: Mapping[str, str]) -> str:
    start, end = row.get("start_date", ""), row.get("end_date", "")
    return f"{start} – {end}" if end and end != start else start or end or "?"


def same_source(row: Mapping[str, str], current: Current) -> str | None:
    """The id of the record's source for the same document under another id: the same symbol in the same
    language (a source under the same id is the record's own row, kept as it is); None if there is none."""
    if not row["symbol"]:
        return None
    for other in current.rows("sources"):
        same = (other["symbol"], other["language"]) == (row["symbol"], row["language"])
        if same and other["source_id"] != row["source_id"]:
            return other["source_id"]
    return None


def other_language_items(proposal: Proposal, current: Current) -> list[tuple[str, str, str, str]]:
    """Items the record holds from the same document symbol as the proposal's source in another
    language (the same report in English and Chinese): [(item id, source id, language, quote)].
    The reviewer rejects the candidates they duplicate; nothing is matched automatically."""
    source = proposal.source
    if source is None or not source["symbol"]:
        return []
    others = {
        r["source_id"]: r["language"]
        for r in current.rows("sources")
        if r["symbol"] == source["symbol"] and r["language"] != source["language"]
    }
    return [
        (r["item_id"], r["source_id"], others[r["source_id"]], r["quote"])
        for r in current.rows("items")
        if r["source_id"] in others
    ]


def other_language_lines(proposal: Proposal, current: Current, lang: str = "en") -> list[str]:
    """The warning (in lang) listing `other_language_items`, or nothing."""
    found = other_language_items(proposal, current)
    if not found:
        return []
    symbol = proposal.source["symbol"] if proposal.source else ""
    head = t(lang, "review_other_language", symbol=symbol, count=len(found))
    return [head, *(f"  {item} ({source}, {language}): {quote}" for item, source, language, quote in found)]


def _new_id(table: str, row: Row, taken: Mapping[str, set[str]], ids: Mapping[str, dict[str, str]]) -> str:
    if table == "sessions":
        base = f"{row['body']}-{row['number']}" if row["body"] and row["number"] else row["session_id"]
    elif row["symbol"]:
        base = document_id_for(row["symbol"])
    else:
        m = re.match(r"cand-(decision|resolution)-(.+)$", row["document_id"])
        body = ids["sessions"].get(row["session_id"], row["session_id"]).split("-")[0]
        base = f"{body}-{'dec' if m and m.group(1) == 'decision' else 'res'}-{m.group(2)}" if m else row["document_id"]
    base = base.removeprefix(CANDIDATE) or table[:-1]
    candidate, n = base, 1
    while candidate in taken[table]:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _item_id(row: Row, session: str, taken: set[str]) -> str:
    if row["kind"] == "requirement" and row["plan_paragraph"] and f"req-gpa-{row['plan_paragraph']}" not in taken:
        return f"req-gpa-{row['plan_paragraph']}"
    prefix = {"recommendation": "rec", "topic": "topic", "requirement": "req"}.get(row["kind"], "item")
    where = _session_short(session) if session else row["source_id"]
    return _next_number(taken, f"{prefix}-{where}-")


# ---------------------------------------------------------------- half-filled rows


def problems(resolved: Resolved, language: str) -> list[Problem]:
    """Every required field still empty in the rows to add, with the reason it is asked for.

    language: the source document's language (en, zh): which title it can give."""
    found = list(resolved.conflicts)
    for table in ORDER:
        spec = TABLE_BY_NAME[table]
        for row, (file, line) in zip(resolved.rows[table], resolved.places[table]):

            def ask(column: str, why: str, file=file, line=line, **values: str) -> None:
                found.append(Problem(file, line, column, why, tuple(values.items())))

            for column in spec.columns:
                if not column.required or row[column.name] or (table, column.name) in FILLED_IN:
                    continue
                ask(column.name, _why(table, column.name, language))
            if table == "sessions" and (twin := _twin(row, resolved.rows["sessions"], resolved.places["sessions"])):
                ask("session_id", "review_why_duplicate", other=str(twin))
            if table == "items":
                if row["heading_basis"] == "curated" and not row["heading_rationale"]:
                    ask("heading_rationale", "review_why_rationale")
                if row["heading_basis"] == "curated" and not row.get("heading_rationale_zh"):
                    ask("heading_rationale_zh", "review_why_rationale_zh")
                if row["kind"] == "requirement" and not row["plan_paragraph"]:
                    ask("plan_paragraph", "review_why_plan_paragraph")
            for column in spec.column_names:
                if row[column] and column in ID_COLUMN.values() and not re.fullmatch(ID_PATTERN, row[column]):
                    ask(column, "review_why_id", value=row[column])
            for (tb, column), target in REFERENCES.items():
                if tb == table and row[column].startswith(CANDIDATE):  # a candidate left out (rejected)
                    ask(column, "review_why_rejected", value=row[column], table=target)
    return found


def _twin(row: Row, sessions: list[Row], places: list[tuple[str, int]]) -> int | None:
    """The line of another candidate session for the same meeting (same body and dates) that has
    its number, when this one has none: the same session read twice."""
    if row["number"] or not row["start_date"]:
        return None
    for other, (_, line) in zip(sessions, places):
        same = (other["body"], other["start_date"], other["end_date"]) == (
            row["body"],
            row["start_date"],
            row["end_date"],
        )
        if other is not row and other["number"] and same:
            return line
    return None


def _why(table: str, column: str, language: str) -> str:
    """The key of the reason a required field is asked for."""
    if column in LANGUAGE_OF_TITLE and LANGUAGE_OF_TITLE[column] != language:
        return f"review_why_translate_{LANGUAGE_OF_TITLE[column]}"
    specific = {
        ("items", "heading"): "review_why_heading",
        ("items", "heading_basis"): "review_why_heading",
        ("items", "kind"): "review_why_kind",
        ("links", "session_id"): "review_why_session",
        ("links", "status"): "review_why_status",
        ("documents", "session_id"): "review_why_document_session",
        ("sessions", "number"): "review_why_number",
        ("sessions", "body"): "review_why_body",
    }
    return specific.get((table, column), "review_why_required")


def missing_title(row: Mapping[str, str], lang: str) -> str | None:
    """'no Chinese title yet' (in lang) when a candidate's title in the other language is empty."""
    for column, code in (("title_zh", "zh"), ("title_en", "en")):
        if column in row and not row[column]:
            return t(lang, f"review_no_title_{code}")
    return None


# ---------------------------------------------------------------- the edit


def plan_merge(proposal: Proposal):
    """A plan for saving.save adding the proposal as one change (see the module's docstring).

    Raises ReviewRefused when rows are half-filled, UsageError when there is nothing to add."""

    def plan(current: Current) -> Edit:
        source = proposal.source
        if source is None:
            raise UsageError(t("en", "review_no_source"))
        known = {r["source_id"]: r for r in current.rows("sources")}
        resolved = assign_ids(proposal, current)
        language = source["language"] or (known.get(source["source_id"], {}).get("language", ""))
        found = problems(resolved, language)
        if found:
            raise ReviewRefused(found)
        changes, files = [], []
        if source["source_id"] in known or not resolved.rows["sources"]:  # or the same document (symbol, language)
            resolved.rows["sources"] = []  # cited again: already on the record with its text
        else:
            row = resolved.rows["sources"][0]
            row["path"] = row["path"] or f"sources/{row['source_id']}.txt"
            if not row["path"].startswith("sources/") or ".." in Path(row["path"]).parts:
                raise DataError("sources.csv", "a path under sources/", column="path", value=row["path"])
            if proposal.text is None:
                raise UsageError(t("en", "review_no_text", path=row["path"]))
            files.append(FileChange(row["path"], proposal.text))
        sequence = max(
            (int(r["sequence"]) for r in current.rows("sessions") if r["sequence"].lstrip("-").isdigit()), default=0
        )
        for row in resolved.rows["sessions"]:
            if not row["sequence"]:
                sequence += 1
                row["sequence"] = str(sequence)
        for table in ORDER:
            changes += [RowChange(table, None, row) for row in resolved.rows[table]]
        counts = {table: len(resolved.rows[table]) for table in ORDER}
        summary = (
            f"merge {source['source_id']}: {counts['items']} items, {counts['links']} links, "
            f"{counts['sessions']} sessions, {counts['documents']} documents, {counts['sources']} sources"
        )
        return Edit("merge", summary, changes, files)

    return plan


def mapping_lines(proposal: Proposal, current: Current, lang: str = "en") -> list[str]:
    """'cand-wg-5 -> wg-5' for every candidate id, and what was found on the record already."""
    resolved = assign_ids(proposal, current)
    lines = [f"{old} -> {new}" for table in ID_COLUMN for old, new in resolved.ids[table].items() if old != new]
    for table, old, existing, why in resolved.matched:
        lines.append(
            t(lang, "review_matched_line", table=table, candidate=old, existing=existing or old, why=t(lang, why))
        )
    return lines + other_language_lines(proposal, current, lang)


# ---------------------------------------------------------------- the review on screen


def read_upload(name: str, data: bytes, *, source_id: str, headings: Mapping[str, str] | None = None):
    """The one place the review reads an uploaded document (.pdf, .docx or plain text): (ingest's
    Candidates, the document's plain text as the record keeps it, see `source_text`).

    Raises DataError / UsageError as transforms.ingest.read_upload does."""
    from ..ingest import read_upload as read

    candidates = with_own_document(read(name, bytes(data), source_id=source_id, headings=headings))
    return candidates, source_text(name, bytes(data), candidates)


def source_text(name: str, data: bytes, candidates) -> str:
    """The document's text for sources/: a plain-text file as it is; a PDF or Word file as the paragraphs
    ingest read, one after another (the masthead's symbol line, cover page, numbered paragraphs, then
    footnotes, each on one line), so that every candidate's quote stands in the paragraph it cites when
    the record splits the text."""
    from ..record.csvio import decode_utf8

    if not bytes(data).startswith((b"%PDF", b"PK\x03\x04")) and not name.lower().endswith((".pdf", ".docx")):
        return decode_utf8(bytes(data), name)
    rows = list(zip(candidates.paragraphs.label, candidates.paragraphs.text))
    body = [text for label, text in rows if not label.startswith("fn")]
    symbol = _cell(candidates.sources.fillna("").to_dict("records")[0].get("symbol")) if len(candidates.sources) else ""
    if symbol and not any(symbol in text for text in body[:1]):
        body.insert(0, symbol)  # the masthead's symbol line, which ingest drops as page furniture: the header quotes it
    notes = [" ".join(text.split()) for label, text in rows if label.startswith("fn")]
    return "\n\n".join(body) + "\n\n" + "\n".join(notes) + "\n"


def with_own_document(candidates):
    """The candidates plus the document itself as a candidate cited document of its session (its own
    symbol, read from the masthead: the Sessions page lists it), unless one already carries that symbol."""
    import dataclasses

    import pandas as pd

    source = candidates.sources.fillna("").to_dict("records")[0]
    documents = candidates.documents.fillna("")
    if not source["symbol"] or source["symbol"] in set(documents.symbol):
        return candidates
    row = dict.fromkeys(TABLE_BY_NAME["documents"].column_names, "")
    row.update(document_id=CANDIDATE + source["symbol"].lower().replace("/", "-"), symbol=source["symbol"])
    row.update(session_id=default_session(candidates), source_id=source["source_id"], source_paragraph="header")
    row.update(cited_in_paragraph="header", quote=source["symbol"], note="candidate: the document itself (masthead)")
    own = pd.DataFrame([row], columns=documents.columns, dtype=object)
    return dataclasses.replace(candidates, documents=pd.concat([own, documents], ignore_index=True))


def default_session(candidates) -> str:
    """The candidate session the document reports on, when exactly one has a body and number ('' otherwise)."""
    sessions = candidates.sessions
    numbered = sessions[(sessions.body != "") & (sessions.number != "")].session_id.tolist()
    return numbered[0] if len(set(numbered)) == 1 else ""


def default_accept(table: str, row: Mapping[str, str], candidates) -> bool:
    """Whether a candidate starts out accepted: all but a session read twice (same meeting, no number)."""
    if table != "sessions":
        return True
    rows = candidates.sessions.fillna("").to_dict("records")
    return _twin(dict(row), rows, [("", 0)] * len(rows)) is None


def proposal_from_review(candidates, text: str, source: Mapping[str, str], decisions: Mapping) -> Proposal:
    """The proposal a reviewer made on screen.

    decisions: (table, candidate id) -> dict with 'accept' (bool), the edited fields, and for items
    'session_id' and 'status' (its link). Places are the candidate CSV files' lines, so messages
    point where `gaptrack ingest` would have written the row."""
    proposal = Proposal(text=text.encode("utf-8"))
    proposal.add("sources", source, ("sources.csv", 2))
    for table in ("sessions", "documents", "items"):
        frame = getattr(candidates, table).fillna("")
        for index, row in enumerate(frame.to_dict("records")):
            decision = decisions.get((table, row[ID_COLUMN[table]]), {})
            if not decision.get("accept", True):
                continue
            edited = {**row, **{k: v for k, v in decision.items() if k in row}}
            proposal.add(table, edited, (f"{table}.csv", index + 2))
            if table == "items":
                link = dict.fromkeys(TABLE_BY_NAME["links"].column_names, "")
                link.update(item_id=row["item_id"], session_id=decision.get("session_id", ""))
                link.update(status=decision.get("status", ""), source_id=edited["source_id"])
                link.update(source_paragraph=edited["source_paragraph"], quote=edited["quote"])
                proposal.add("links", link, ("links.csv", index + 2))
    return proposal

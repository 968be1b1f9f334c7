"""Candidate items in a numbered paragraph: recommendations, topics and Plan requirements, each with why.

Running text: a clause that recommends ("Recommends that …", "The Working Group recommended that …", "It is
recommended that …", "States parties should …", 建议…, 工作组建议…, 缔约国应…); a borderline clause ("invited
States parties to …", "encouraged", "urged", "called upon", "requested"; 请, 鼓励, 敦促, 吁请 after a body) is
proposed with its kind left empty for the reviewer; what follows "may wish to"/不妨 in a paragraph without a
list is a proposed topic; a question named in quotation marks; a Plan paragraph reference makes a requirement.
A numbered paragraph under a "Recommendations" heading that states none of these forms, and is no lead-in,
is a recommendation as a whole (unless it reports what a body did: "The Working Group adopted …").

List items: a requirement per Plan paragraph an item cites, else the kind the lead-in gives the list
(recommendations or topics; under a "Recommendations" heading: recommendations). A lead-in that recommends
something of its own before introducing the list ("States parties should X, and should consider the
following:") is proposed too, its quote the part before "and should consider".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from .columns import QUOTE, blank_row
from .headings import heading_key
from .lists import Bullet, Listing
from .plan_refs import plan_references, speaks_of_the_plan, without_reference
from .structure import Path_, path_text
from .wording import flatten, trim, without_markers

CLAUSE_END = re.compile(
    r"[。！？；：]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+"
    r"|(?<!\bpara)(?<!\bparas)(?<!\bvol)(?<!\bNo)(?<!\bart)(?<!\bArt)(?<=[A-Za-z0-9)”\"])[.:;](?=\s|$)"
    r"|\n\s*\n"
)
BODY = r"(?:The\s+)?(?:Working\s+Group|Conference(?:\s+of\s+the\s+Parties)?|Bureau|Meeting|Group|Commission)"
RECOMMENDING = (
    (re.compile(r"^(?:建议|recommend(?:s|ed|ing)?\s+that\b)", re.IGNORECASE), "a clause that recommends"),
    (
        re.compile(rf"^{BODY}\s+(?:also\s+|further\s+|therefore\s+)?recommend(?:s|ed)\s+that\b", re.IGNORECASE),
        "the body recommended that",
    ),
    (
        re.compile(r"^It\s+(?:is|was)\s+(?:also\s+|further\s+)?recommended\s+that\b", re.IGNORECASE),
        "'it is recommended'",
    ),
    (
        re.compile(
            rf"^(?:{BODY}\s+(?:\w+\s+){{0,2}}that\s+)?"  # "The Working Group agreed that States parties should …"
            r"(?:All\s+|The\s+|Relevant\s+)?(?:States(?:\s+parties)?|Member\s+States|Governments|the\s+Secretariat"
            r"|Secretariat|UNODC|Working\s+Group|Conference)(?:\s+\w+){0,3}?\s+should\b",
            re.IGNORECASE,
        ),
        "a clause saying what States parties (or a body) should do",
    ),
    (re.compile(r"^(?:工作组|缔约方会议|会议)(?:还|并|进一步)?建议"), "the body recommended"),
    (
        re.compile(r"^(?:各|所有)?(?:缔约国|国家|会员国|秘书处|国)(?:还|并|也)?应(?:当|该)?(?!对)"),
        "a clause saying what should be done (应)",
    ),
)
BORDERLINE = re.compile(
    rf"^(?:{BODY}\s+(?:also\s+|further\s+)?(?:invited|encouraged|urged|called\s+upon|requested)"
    r"|(?:Invites|Encourages|Urges|Calls\s+upon|Requests)"
    r"|(?:All\s+)?(?:States(?:\s+parties)?|Member\s+States|Governments)\s+(?:are|were)\s+(?:also\s+)?"
    r"(?:encouraged|invited|urged|called\s+upon|requested))\b"
    r"|^(?:工作组|缔约方会议)(?:还|并)?(?:请|邀请|鼓励|敦促|吁请)",
    re.IGNORECASE,
)
MAY_WISH = re.compile(r"不\s*妨|\bmay\s+wish\s+to\s+")
QUOTED = re.compile(r"[“\"]([^”\"\n]{2,})[”\"]")
TITLE_BEFORE = re.compile(r"(?:题为|entitled|[（(])\s*$", re.IGNORECASE)  # a title, or a short name defined
TOPIC_WORDS = re.compile(r"议题|领域|\btopics?\b|\bareas?\b", re.IGNORECASE)
RECOMMENDATION_WORDS = re.compile(r"建议|recommend", re.IGNORECASE)
LEAD_IN = re.compile(r"recommendations?|following|below|以下|如下|下列", re.IGNORECASE)
PROCEEDINGS = re.compile(  # a paragraph reporting what a body or person did: not a recommendation in itself
    rf"^{BODY}\s+(?:\w+\s+)?\w+ed\b|^(?:The\s+)?(?:Chair|Secretariat|Rapporteur)\b|^(?:工作组|会议|主席|秘书处).{{0,12}}了"
)


def clauses(block: str) -> Iterator[str]:
    """The clauses of a block of running text, cut at sentence ends, colons and footnote markers
    (not after 'para.', 'vol.', 'No.')."""
    for piece in CLAUSE_END.split(block):
        if piece and (clause := trim(piece)):
            yield clause


def under_recommendations(path: Path_) -> str:
    """The heading of the path that is a 'Recommendations' section ('' if none)."""
    return next((str(h) for h in reversed(path) if RECOMMENDATION_WORDS.search(h.name)), "")


def plan_heading(path: Path_, labels: Mapping[str, str]) -> tuple[str, str, str]:
    """(heading key, heading_basis, note) from the innermost heading of the path that is one of the Plan's
    headings by its label (any numbering before it: "IV.", "四 ", "四."). A heading that only shares a keyword
    with a Plan heading (a sub-heading's topic: "Mutual legal assistance") is no Plan heading: the key is left
    empty and the note names the guess for the editors."""
    if not path:
        return "", "", "heading: the document places it under none; the editors assign one (curated)"
    guesses = []
    for heading in reversed(path):
        key, how = heading_key(heading.name, labels)
        if how == "label":
            return key, "source", f"heading: stands under '{heading}', the Plan's heading"
        if key:
            guesses.append(f"'{heading}' shares a keyword with {key}")
    hint = f" ({'; '.join(guesses)}: a guess, for the editors)" if guesses else ""
    return "", "", f"heading: stands under '{path_text(path)}', which is not a Plan heading{hint}"


def item_row(source_id: str, label: str, item_id: str, quote: str, chinese: bool, **values: str) -> dict[str, str]:
    """One candidate items row; its title in the document's language is the wording trimmed, on one line,
    without a bracketed Plan reference at its end and without footnote markers."""
    title = trim(without_markers(flatten(without_reference(trim(quote)))))
    row = blank_row("items", item_id=item_id, source_id=source_id, source_paragraph=label, **{QUOTE: quote})
    row["title_zh" if chinese else "title_en"] = title
    row.update(values)
    return row


def _slug(label: str) -> str:
    return f"p{int(label):02d}" if label.isdigit() else label


def _list_kind(listing: Listing) -> tuple[str, str]:
    """The kind the lead-in gives the list's items, and why (the sentence before the list first)."""
    lead = listing.lead
    introducing = ([*clauses(lead[-1])] or [""])[-1] if lead else ""
    for scope, text in (("the sentence introducing the list", introducing), ("the lead-in", "\n".join(lead))):
        if m := TOPIC_WORDS.search(text):
            return "topic", f"topic, as {scope} speaks of '{m.group()}'"
        if m := RECOMMENDATION_WORDS.search(text):
            return "recommendation", f"recommendation, as {scope} speaks of '{m.group()}'"
    if introducing and (why := _recommending(introducing)):
        return "recommendation", f"recommendation, as the sentence introducing the list is {why}"
    if heading := under_recommendations(listing.paragraph.path):
        return "recommendation", f"recommendation, as the list stands under '{heading}'"
    return "", "not guessed: the lead-in names neither recommendations nor topics"


def _about_the_plan(listing: Listing, path: Path_) -> bool:
    return speaks_of_the_plan(listing.text) or speaks_of_the_plan(path_text(path))


def _where(listing: Listing, bullet: Bullet | None = None) -> str:
    path = bullet.path if bullet else listing.paragraph.path
    place = f"paragraph {listing.label}"
    if bullet:
        nested = f" {bullet.marker} under {bullet.parent}" if bullet.parent else ""
        place = f"bullet {bullet.number}{nested} of {place}"
    return f"candidate: {place}" + (f" (under {path_text(path)})" if path else "")


def bullet_items(listing: Listing, source_id: str, labels: Mapping[str, str], chinese: bool) -> list[dict]:
    """A candidate per list item: a requirement per Plan paragraph it cites, else the list's kind."""
    kind, why = _list_kind(listing)
    rows = []
    for bullet in listing.bullets:
        quote = trim(bullet.quote)
        heading, basis, heading_note = plan_heading(bullet.path, labels)
        where = _where(listing, bullet)
        cited = plan_references(quote, _about_the_plan(listing, bullet.path))
        for n in cited:
            note = f"{where}; requirement: cites paragraph {n} of the Plan; {heading_note}"
            rows.append(
                item_row(source_id, listing.label, f"cand-gpa-{n}", quote, chinese, kind="requirement",
                         heading=heading, heading_basis=basis, plan_paragraph=str(n), note=note)
            )  # fmt: skip
        if not cited:
            item_id = f"cand-{_slug(listing.label)}-{bullet.number:02d}"
            note = f"{where}; kind: {why}; {heading_note}"
            rows.append(
                item_row(source_id, listing.label, item_id, quote, chinese, kind=kind, heading=heading,
                         heading_basis=basis, note=note)
            )  # fmt: skip
    return rows


def _recommending(clause: str) -> str | None:
    """Why a clause recommends, or None; matched on its one-line form (a PDF line may break 建|议)."""
    return next((why for pattern, why in RECOMMENDING if pattern.match(flatten(clause))), None)


AND_THEN = re.compile(r"[,;]?\s+and\s+(?=(?:also\s+)?(?:should|to|shall|may|consider|take|adopt)\b)|，并|并应|；", re.I)


def _lead_in_own(clause: str) -> str | None:
    """The recommendation a list's lead-in makes of its own, before the part that introduces the list
    ("States parties should work with businesses …, and should consider the following:"), or None."""
    cuts = list(AND_THEN.finditer(clause))
    if not cuts:
        return None
    own = trim(clause[: cuts[-1].start()])
    return own if own and _recommending(own) else None


def _text_findings(listing: Listing) -> Iterator[tuple[str, str, str, str]]:
    """(kind, quote, why, Plan paragraph) for what the running text itself states or proposes."""
    has_list = bool(listing.bullets)
    introducing = [*clauses(listing.lead[-1])][-1:] if has_list and listing.lead else []
    about = _about_the_plan(listing, listing.paragraph.path)
    for block in listing.blocks:
        for clause in clauses(block):
            if clause in introducing:  # the clause that introduces the list: its items are the candidates,
                if own := _lead_in_own(clause):  # and what it recommends before "and should consider:"
                    yield "recommendation", own, "the lead-in's own recommendation, before the list it introduces", ""
            elif why := _recommending(clause):
                yield "recommendation", clause, why, ""
            elif m := BORDERLINE.match(flatten(clause)):
                yield "", clause, f"borderline ('{m.group().strip()}'): the kind is for the reviewer", ""
            for n in plan_references(clause, about):
                yield "requirement", clause, f"cites paragraph {n} of the Plan", str(n)
            if not has_list and (m := MAY_WISH.search(clause)) and (proposal := trim(clause[m.end() :])):
                yield "topic", proposal, f"a proposal: what follows '{m.group().strip()}' (may wish to)", ""
        if has_list:
            continue
        for m in QUOTED.finditer(block):
            if not TITLE_BEFORE.search(block[: m.start()]) and (named := trim(m.group(1))):
                kind = "recommendation" if RECOMMENDATION_WORDS.search(listing.text) else "topic"
                yield kind, named, "a question named in quotation marks", ""


def _whole_paragraph(listing: Listing, found: list[tuple[str, str, str, str]]) -> Iterator[tuple[str, str, str, str]]:
    """A paragraph under a 'Recommendations' heading that states no recognised form and is no lead-in."""
    heading = under_recommendations(listing.paragraph.path)
    if not heading or listing.bullets or any(kind in ("recommendation", "") for kind, *_ in found):
        return
    text = "\n".join(listing.blocks)
    proceedings = PROCEEDINGS.match(text)
    if text and not proceedings and not LEAD_IN.search(text) and not text.rstrip().endswith((":", "：")):
        yield "recommendation", trim(text), f"a numbered paragraph under '{heading}'", ""


def text_items(listing: Listing, source_id: str, labels: Mapping[str, str], chinese: bool) -> list[dict]:
    """Candidates from running text (see the module's docstring)."""
    found = list(_text_findings(listing))
    found += list(_whole_paragraph(listing, found))
    heading, basis, heading_note = plan_heading(listing.paragraph.path, labels)
    rows = []
    for number, (kind, quote, why, plan) in enumerate(found, start=1):
        item_id = f"cand-gpa-{plan}" if plan else f"cand-{_slug(listing.label)}-t{number}"
        note = f"{_where(listing)}, running text; {kind or 'kind not set'}: {why}; {heading_note}"
        rows.append(
            item_row(source_id, listing.label, item_id, quote, chinese, kind=kind, plan_paragraph=plan,
                     heading=heading, heading_basis=basis, note=note)
        )  # fmt: skip
    return rows


def unique_ids(rows: list[dict], key: str, same: tuple[str, ...]) -> list[dict]:
    """Drop rows repeating an earlier one in the columns `same`; make ids unique with -2, -3 suffixes."""
    seen_rows, seen_ids, kept = set(), set(), []
    for row in rows:
        fingerprint = tuple(row[column] for column in same)
        if fingerprint in seen_rows:
            continue
        seen_rows.add(fingerprint)
        base, n = row[key], 1
        while row[key] in seen_ids:
            n += 1
            row[key] = f"{base}-{n}"
        seen_ids.add(row[key])
        kept.append(row)
    return kept

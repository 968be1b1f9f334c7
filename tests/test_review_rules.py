"""The review's rules (transforms/review.py) on small proposals: ids by the record's scheme,
matches, and the reasons a field is asked for."""

from __future__ import annotations

from fixtures import copy_shipped

from transforms.editing.saving import Current
from transforms.review import rules as review


def item(**cells) -> dict:
    row = dict(kind="recommendation", heading="prevention", heading_basis="source", title_en="T", title_zh="标题")
    row.update(source_id="new-src", source_paragraph="3", quote="新的措辞")
    return {**row, **cells}


def proposal(*items: dict, links: tuple[dict, ...] = ()) -> review.Proposal:
    p = review.Proposal(text="3. 新的措辞".encode())
    for n, row in enumerate(items):
        p.add("items", row, ("items.csv", n + 2))
    for n, row in enumerate(links):
        p.add("links", row, ("links.csv", n + 2))
    return p


def test_document_ids_follow_the_record_scheme():
    assert review.document_id_for("CTOC/COP/WG.4/2013/4") == "wg4-2013-4"
    assert review.document_id_for("CTOC/COP/2012/15") == "2012-15"
    assert review.document_id_for("A/RES/64/293") == "a-res-64-293"


def test_item_ids_are_numbered_after_those_the_record_has(tmp_path):
    data = copy_shipped(tmp_path / "data")
    current = Current(data)
    links = (dict(item_id="cand-a", session_id="wg-1"), dict(item_id="cand-b", session_id="wg-1"))
    resolved = review.assign_ids(
        proposal(item(item_id="cand-a"), item(item_id="cand-b", quote="另一措辞"), links=links), current
    )
    # the shipped record has rec-wg1-00 … rec-wg1-16
    assert resolved.ids["items"] == {"cand-a": "rec-wg1-17", "cand-b": "rec-wg1-18"}
    assert [r["item_id"] for r in resolved.rows["links"]] == ["rec-wg1-17", "rec-wg1-18"]


def test_the_same_quote_is_found_on_the_record(tmp_path):
    current = Current(copy_shipped(tmp_path / "data"))
    quote = "全新的措辞"  # no item on the record has it
    assert review.matches(proposal(item(item_id="cand-x", quote=quote)), current) == {}
    existing = next(r for r in current.rows("items") if r["item_id"] == "rec-wg1-01")
    found = review.matches(proposal(item(item_id="cand-x", quote=existing["quote"].replace(" ", ""))), current)
    assert found == {("items", 0): [("rec-wg1-01", "review_same_quote")]}


def test_fields_the_document_cannot_give_are_asked_for_with_the_reason(tmp_path):
    current = Current(copy_shipped(tmp_path / "data"))
    row = item(item_id="cand-a", title_en="", heading="", heading_basis="")
    resolved = review.assign_ids(proposal(row, links=(dict(item_id="cand-a"),)), current)
    asked = {(p.file, p.column): p.message("en") for p in review.problems(resolved, "zh")}
    assert "No English title yet: the document is in Chinese" in asked[("items.csv", "title_en")]
    assert "places this item under no Plan heading" in asked[("items.csv", "heading")]
    assert "The session at which" in asked[("links.csv", "session_id")]
    assert "字段“status”：缺少" in next(p for p in review.problems(resolved, "zh") if p.column == "status").message(
        "zh"
    )

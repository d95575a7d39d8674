"""The seed article end to end: extracted sources and claims, scored by the spine, as the issue accepts them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scoring.attribution import extract_story
from scoring.pipeline import score_story

SEED = Path(__file__).resolve().parents[3] / "fixtures" / "articles" / "laos-kursk.txt"


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    """The scored report of the seed article."""
    return score_story(extract_story(SEED.read_text(encoding="utf-8")))


def _source(report: dict[str, Any], words: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [s for s in report["sources"] if words in s["mention"]]
    assert found, f"no source mentions {words!r}: {[s['mention'] for s in report['sources']]}"
    return found[0]


def test_laotian_ministry_of_defense(report: dict[str, Any]) -> None:
    """The ministry is a named organisation of Laos."""
    source = _source(report, "Laotian Ministry of Defense")
    assert (source["kind"], source["affiliation"]["party"]) == ("named_organisation", "Laos")


def test_spokesperson_from_vientiane(report: dict[str, Any]) -> None:
    """An unnamed spokesperson speaking for Laos (the capital stands for the state)."""
    source = _source(report, "a spokesperson from Vientiane")
    assert (source["kind"], source["affiliation"]["party"]) == ("unnamed_spokesperson", "Laos")
    assert not source["anonymous"]


def test_hur(report: dict[str, Any]) -> None:
    """Ukraine's military intelligence service (HUR) is a named organisation of Ukraine."""
    source = _source(report, "(HUR)")
    assert (source["kind"], source["affiliation"]["party"]) == ("named_organisation", "Ukraine")


def test_ukrainian_intelligence_officer(report: dict[str, Any]) -> None:
    """An anonymous official of Ukraine."""
    source = _source(report, "a Ukrainian intelligence officer")
    assert (source["kind"], source["affiliation"]["party"], source["anonymous"]) == (
        "unnamed_official",
        "Ukraine",
        True,
    )


def test_dr_mark_ling(report: dict[str, Any]) -> None:
    """A named analyst who is his own, independent party (no state, no body)."""
    source = _source(report, "Dr. Mark Ling")
    assert source["kind"] == "named_person" and source["name"] == "Mark Ling"
    assert source["affiliation"]["party_id"] == "person:mark-ling" and source["affiliation"]["type"] == "expert"


def test_state_department_official(report: dict[str, Any]) -> None:
    """An anonymous official of the United States."""
    source = _source(report, "a U.S. State Department official")
    assert (source["kind"], source["affiliation"]["party"], source["anonymous"]) == (
        "unnamed_official",
        "United States",
        True,
    )


def test_nato_official(report: dict[str, Any]) -> None:
    """An anonymous official of NATO."""
    source = _source(report, "a NATO official")
    assert (source["kind"], source["affiliation"]["party"], source["anonymous"]) == (
        "unnamed_official",
        "NATO",
        True,
    )


def test_humanitarian_claims_conflict_with_fortifying(report: dict[str, Any]) -> None:
    """The non-combat claims contradict the fortifying / supply-route claims, and the reasons say so."""
    claims = {c["id"]: c for c in report["claims"]}
    non_combat = next(c for c in report["claims"] if "non-combat role" in c["text"])
    fortify = next(c for c in report["claims"] if "fortify positions" in c["text"])
    assert fortify["id"] in non_combat["conflict"]["with"]
    assert claims[fortify["id"]]["source_ids"] != non_combat["source_ids"]
    reasons = " ".join(non_combat["conflict"]["reasons"])
    assert "non-combat" in reasons and "fortify positions" in reasons
    demining = next(c for c in report["claims"] if "demining efforts" in c["text"])
    assert fortify["id"] in demining["conflict"]["with"]
    assert any("supply routes" in r or "fortify" in r for r in demining["conflict"]["reasons"])


def test_claims_carry_spans(report: dict[str, Any]) -> None:
    """Every claim and every source of the analysed article points back into the text."""
    text = SEED.read_text(encoding="utf-8")
    for claim in report["claims"]:
        assert text[claim["span"]["start"] : claim["span"]["end"]] == claim["text"] or " " in claim["text"]
    for source in report["sources"]:
        assert text[source["span"]["start"] : source["span"]["end"]] == source["mention"]

"""The story the product was sketched on (fixtures/stories/laos-kursk.json), check by check."""

from __future__ import annotations

from typing import Any

import pytest

from scoring import Scorer, story_from_dict
from tests.conftest import load_fixture


@pytest.fixture(scope="module")
def report(scorer: Scorer) -> dict[str, Any]:
    story = load_fixture("stories/laos-kursk.json")
    return scorer.score(story_from_dict({"claims": story["claims"]}))


def _source(report: dict[str, Any], start: str) -> dict[str, Any]:
    return next(s for s in report["sources"] if s["mention"].startswith(start))


def _claim(report: dict[str, Any], cid: str) -> dict[str, Any]:
    return next(c for c in report["claims"] if c["id"] == cid)


def test_humanitarian_and_fortify_claims_conflict_with_named_words(report: dict[str, Any]) -> None:
    conflict = next(c for c in report["conflicts"] if set(c["claims"]) == {"c2", "c3"})
    reason = " ".join(conflict["reasons"])
    assert "non-combat" in reason and "fortify" in reason


@pytest.mark.parametrize(
    ("mention", "party"),
    [
        ("a Ukrainian intelligence officer", "Ukraine"),
        ("a U.S. State Department official", "United States"),
        ("a NATO official", "NATO"),
    ],
)
def test_anonymous_officials(report: dict[str, Any], mention: str, party: str) -> None:
    source = _source(report, mention)
    assert (source["kind"], source["anonymous"], source["affiliation"]["party"]) == ("unnamed_official", True, party)


def test_mark_ling_is_a_named_independent_analyst(report: dict[str, Any]) -> None:
    source = _source(report, "Southeast Asia defense analyst")
    assert source["kind"] == "named_person" and source["name"] == "Mark Ling"
    assert source["affiliation"] == {"party": "Mark Ling", "party_id": "person:mark-ling", "type": "expert"}


def test_laos_and_ukraine_are_one_party_each(report: dict[str, Any]) -> None:
    ids = {s["mention"]: s["affiliation"]["party_id"] for s in report["sources"]}
    assert ids["the Laotian Ministry of Defense"] == ids["a spokesperson from Vientiane"] == "state:la"
    assert ids["Ukraine’s military intelligence service (HUR)"] == ids["a Ukrainian intelligence officer"] == "state:ua"


def test_the_deployment_both_sides_assert_is_more_independent_than_either_side(report: dict[str, Any]) -> None:
    sent, humanitarian, fortify = (_claim(report, c)["independence"]["score"] for c in ("c1", "c2", "c3"))
    assert sent > humanitarian and sent > fortify
    assert any("opposite sides" in r for r in _claim(report, "c1")["independence"]["reasons"])


def test_contested_claims_are_labelled_so(report: dict[str, Any]) -> None:
    assert _claim(report, "c2")["credibility"]["label"] == "contested"
    assert _claim(report, "c3")["credibility"]["label"] == "contested"
    assert _claim(report, "c1")["credibility"]["label"] == "well-sourced"

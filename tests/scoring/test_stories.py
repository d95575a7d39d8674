"""Every fixture story scores as its ``expect`` block says.

The fixtures under ``fixtures/stories`` were written from the patterns of real
reporting in many domains; each carries the signals a careful fact-checker
expects. One test per story keeps failures readable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scoring import Scorer, story_from_dict
from tests.conftest import FIXTURES, load_fixture

STORIES = sorted(p.name for p in (FIXTURES / "stories").glob("*.json"))


def _pair(ids: list[str]) -> frozenset[str]:
    return frozenset(ids)


def check(story: dict[str, Any], report: dict[str, Any]) -> list[str]:
    """All the ways ``report`` departs from ``story['expect']``, as readable lines."""
    expect = story.get("expect", {})
    claims = {c["id"]: c for c in report["claims"]}
    sources = {s["id"]: s for s in report["sources"]}
    conflicts = {_pair(c["claims"]): c for c in report["conflicts"]}
    problems: list[str] = []

    def fail(message: str) -> None:
        problems.append(message)

    for sid, want in expect.get("sources", {}).items():
        got = sources[sid]
        if "kind" in want and got["kind"] != want["kind"]:
            fail(f"source {sid} ({got['mention']!r}): kind {got['kind']} != {want['kind']}")
        if "anonymous" in want and got["anonymous"] != want["anonymous"]:
            fail(f"source {sid} ({got['mention']!r}): anonymous {got['anonymous']} != {want['anonymous']}")
        if "party" in want and got["affiliation"]["party"].lower() != want["party"].lower():
            fail(f"source {sid} ({got['mention']!r}): party {got['affiliation']['party']!r} != {want['party']!r}")
    for a, b in expect.get("same_party", []):
        if sources[a]["affiliation"]["party_id"] != sources[b]["affiliation"]["party_id"]:
            fail(f"{a} and {b} should be one party: {sources[a]['affiliation']} vs {sources[b]['affiliation']}")
    for a, b in expect.get("different_party", []):
        if sources[a]["affiliation"]["party_id"] == sources[b]["affiliation"]["party_id"]:
            fail(f"{a} and {b} should be different parties: both {sources[a]['affiliation']['party']}")
    for pair in expect.get("conflicts", []):
        if _pair(pair) not in conflicts:
            fail(f"missing conflict {pair}: {claims[pair[0]]['text']!r} vs {claims[pair[1]]['text']!r}")
    for pair in expect.get("no_conflict", []):
        if _pair(pair) in conflicts:
            fail(f"spurious conflict {pair}: {conflicts[_pair(pair)]['reasons']}")
    for key, words in expect.get("conflict_reason_mentions", {}).items():
        found = conflicts.get(_pair(key.split("|")))
        text = " ".join(found["reasons"]).lower() if found else ""
        for word in words:
            if word.lower() not in text:
                fail(f"conflict {key} reason should mention {word!r}: {text!r}")
    for a, b in expect.get("supports", []):
        if b not in claims[a]["supported_by"]:
            fail(f"{a} and {b} should support each other")
    for a, b in expect.get("independence_greater", []):
        ia, ib = claims[a]["independence"]["score"], claims[b]["independence"]["score"]
        if not ia > ib:
            fail(f"independence {a} ({ia}) should exceed {b} ({ib})")
    for cid, count in expect.get("independent_parties", {}).items():
        parties = claims[cid]["independence"]["parties"]
        if len(parties) != count:
            fail(f"{cid} should have {count} independent parties, has {parties}")
    for cid, names in expect.get("interested", {}).items():
        got = [p.lower() for p in claims[cid]["independence"]["interested_parties"]]
        for name in names:
            if name.lower() not in got:
                fail(f"{cid}: {name} should be interested; interested = {got}")
    for a, b in expect.get("anonymity_greater", []):
        sa, sb = claims[a]["anonymity"]["score"], claims[b]["anonymity"]["score"]
        if not sa > sb:
            fail(f"anonymity {a} ({sa}) should exceed {b} ({sb})")
    for cid, low in expect.get("anonymity_at_least", {}).items():
        if claims[cid]["anonymity"]["score"] < low:
            fail(f"anonymity of {cid} should be >= {low}: {claims[cid]['anonymity']}")
    for cid, high in expect.get("anonymity_at_most", {}).items():
        if claims[cid]["anonymity"]["score"] > high:
            fail(f"anonymity of {cid} should be <= {high}: {claims[cid]['anonymity']}")
    for cid, label in expect.get("label", {}).items():
        got_label = claims[cid]["credibility"]["label"]
        if got_label != label:
            fail(f"label of {cid} should be {label}, is {got_label}: {claims[cid]['credibility']['reasons']}")
    return problems


@pytest.mark.parametrize("name", STORIES)
def test_story_scores_as_expected(name: str, scorer: Scorer) -> None:
    story = load_fixture(f"stories/{name}")
    report = scorer.score(story_from_dict(story))
    problems = check(story, report)
    assert not problems, f"{name}:\n  " + "\n  ".join(problems)


def test_there_are_enough_stories_across_domains() -> None:
    domains = {load_fixture(f"stories/{name}")["domain"] for name in STORIES}
    assert len(STORIES) >= 16
    assert len(domains) >= 6, domains


def test_check_reports_a_wrong_expectation(scorer: Scorer) -> None:
    """The harness itself can fail: a deliberately wrong expectation is caught."""
    story = load_fixture("stories/laos-kursk.json")
    report = scorer.score(story_from_dict(story))
    first = report["claims"][0]["id"]
    wrong = dict(story, expect={"label": {first: "no-such-label"}})
    assert check(wrong, report)


def test_fixture_paths_exist() -> None:
    assert Path(FIXTURES / "stories" / "laos-kursk.json").is_file()

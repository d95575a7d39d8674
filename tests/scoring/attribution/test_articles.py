"""Hand-written articles in fixtures/articles: each expected source backs the expected claim."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring.attribution import extract_story
from scoring.claims import Source, Story
from scoring.pipeline import score_story

ARTICLES = Path(__file__).resolve().parents[3] / "fixtures" / "articles"
CASES = sorted(p.stem for p in ARTICLES.glob("*.txt"))


def _sources_for(story: Story, claim_fragment: str) -> list[Source]:
    """Sources of every claim whose text contains ``claim_fragment``."""
    out: list[Source] = []
    for claim in story.claims:
        if claim_fragment.lower() in claim.text.lower():
            out.extend(claim.sources)
    return out


def test_enough_articles() -> None:
    """At least twenty articles, each with a sidecar."""
    assert len(CASES) >= 20
    for name in CASES:
        assert (ARTICLES / f"{name}.json").exists(), name


@pytest.mark.parametrize("name", CASES)
def test_article(name: str) -> None:
    """Expected sources are found with their parts and back the expected claims."""
    text = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((ARTICLES / f"{name}.json").read_text(encoding="utf-8"))
    story = extract_story(text)
    report = {s["id"]: s for s in score_story(story)["sources"]}
    for exp in expected["sources"]:
        backing = _sources_for(story, exp["claim"])
        matching = [s for s in backing if exp["mention"].lower() in s.mention.lower()]
        assert matching, (
            f"{name}: claim {exp['claim']!r} should be backed by {exp['mention']!r}; got {[s.mention for s in backing]}"
        )
        source = matching[0]
        scored = report[source.id]
        if "name" in exp:
            assert scored.get("name") == exp["name"], (name, scored)
        if "role" in exp:
            assert exp["role"].lower() in scored.get("role", "").lower(), (name, scored)
        if "organisation" in exp:
            assert scored.get("organisation") == exp["organisation"], (name, scored)
        if "kind" in exp:
            assert scored["kind"] == exp["kind"], (name, scored)
        if "party" in exp:
            assert scored["affiliation"]["party"] == exp["party"], (name, scored)
        if "citing" in exp:
            assert exp["citing"].lower() in source.citing.lower(), (name, source)
        assert source.span is not None
        assert text[source.span.start : source.span.end] == source.mention
    by_text = {c["text"]: c for c in score_story(story)["claims"]}
    for left, right in expected.get("supported", []):
        a = next(c for t, c in by_text.items() if left in t)
        b = next(c for t, c in by_text.items() if right in t)
        assert b["id"] in a["supported_by"], (name, left, right)
    for fragment in expected.get("unattributed", []):
        claims = [c for c in story.claims if fragment.lower() in c.text.lower()]
        assert claims and all(not c.sources for c in claims), (name, fragment)


def test_claim_spans_point_into_text() -> None:
    """Every claim's span covers its text's first and last words."""
    for name in CASES:
        text = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
        for claim in extract_story(text).claims:
            assert claim.span is not None
            covered = text[claim.span.start : claim.span.end]
            assert covered.startswith(claim.text.split()[0]), (name, claim)
            assert covered.endswith(claim.text.split()[-1]), (name, claim)


def test_ids_in_order() -> None:
    """Claim ids c1, c2 … and source ids s1, s2 … in order of appearance."""
    text = (ARTICLES / "laos-kursk.txt").read_text(encoding="utf-8")
    story = extract_story(text)
    assert [c.id for c in story.claims] == [f"c{i + 1}" for i in range(len(story.claims))]
    assert [s.id for s in story.sources] == [f"s{i + 1}" for i in range(len(story.sources))]

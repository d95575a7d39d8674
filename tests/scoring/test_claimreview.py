"""ClaimReview drafts: valid JSON-LD that says what the report says, and nothing it does not."""

from __future__ import annotations

from typing import Any

import pytest
from pyld import jsonld

from scoring import Scorer, story_from_dict
from scoring.claimreview import SCHEMA_CONTEXT, Appearance, claim_reviews
from tests.conftest import load_fixture

SCHEMA = "https://schema.org/"

# The schema.org context is a single @vocab; serving it locally keeps the test offline and honest about terms.
_CONTEXT = {"@context": {"@vocab": SCHEMA}}


def _offline_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    if url.rstrip("/") != SCHEMA_CONTEXT:
        raise jsonld.JsonLdError(f"unexpected remote context {url}", "loading document failed")
    return {"contextUrl": None, "documentUrl": url, "document": _CONTEXT}


# Properties schema.org defines on each type used (and their parents: Thing, CreativeWork, Intangible).
ALLOWED = {
    "ClaimReview": {"claimReviewed", "itemReviewed", "reviewRating", "creativeWorkStatus", "identifier", "isBasedOn"},
    "Claim": {"author", "appearance", "datePublished"},
    "Rating": {"ratingValue", "worstRating", "bestRating", "alternateName", "ratingExplanation"},
    "Person": {"name", "jobTitle", "affiliation"},
    "Organization": {"name"},
    "CreativeWork": {"url", "headline", "datePublished", "publisher"},
    "SoftwareApplication": {"name", "softwareVersion"},
}


def _nodes(value: Any) -> list[dict[str, Any]]:
    """Every object with an ``@type`` anywhere in a JSON-LD tree."""
    found: list[dict[str, Any]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "@type" in item:
                found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


@pytest.fixture(scope="module")
def laos(scorer: Scorer) -> dict[str, Any]:
    story = load_fixture("stories/laos-kursk.json")
    story.pop("expect", None)
    return scorer.score(story_from_dict(story))


def test_every_claim_becomes_one_draft_claim_review(laos: dict[str, Any]) -> None:
    document = claim_reviews(laos, Appearance(url="https://news.example/laos", headline="Laos in Kursk"))
    assert document["@context"] == SCHEMA_CONTEXT
    graph = document["@graph"]
    assert [node["identifier"] for node in graph] == [claim["id"] for claim in laos["claims"]]
    for node, claim in zip(graph, laos["claims"], strict=True):
        assert node["@type"] == "ClaimReview"
        assert node["creativeWorkStatus"] == "Draft"
        assert node["claimReviewed"] == claim["text"]
        rating = node["reviewRating"]
        assert rating["ratingValue"] == pytest.approx(claim["credibility"]["score"], abs=1e-4)
        assert (rating["worstRating"], rating["bestRating"]) == (0, 1)
        assert rating["alternateName"] == claim["credibility"]["label"]
        assert node["itemReviewed"]["appearance"]["url"] == "https://news.example/laos"


def test_rating_explanation_carries_the_three_signals(laos: dict[str, Any]) -> None:
    contested = next(c for c in laos["claims"] if c["conflict"]["with"])
    node = claim_reviews(laos, claim_ids=[contested["id"]])["@graph"][0]
    explanation = node["reviewRating"]["ratingExplanation"]
    for signal in ("independence", "anonymity", "conflict"):
        assert f"{signal.capitalize()} {contested[signal]['score']:.2f}" in explanation
    assert contested["conflict"]["reasons"][0] in explanation
    assert "not a verdict on the facts" in explanation


def test_authors_are_the_claims_sources(laos: dict[str, Any]) -> None:
    sources = {s["id"]: s for s in laos["sources"]}
    for node, claim in zip(claim_reviews(laos)["@graph"], laos["claims"], strict=True):
        author = node["itemReviewed"].get("author", [])
        authors = author if isinstance(author, list) else [author]
        assert len(authors) == len(claim["source_ids"])
        for person, sid in zip(authors, claim["source_ids"], strict=True):
            source = sources[sid]
            if source["anonymous"]:
                # An unnamed official stays unnamed: the story's own words, with the party behind them.
                assert person == {
                    "@type": "Person",
                    "name": source["mention"],
                    "affiliation": {"@type": "Organization", "name": source["affiliation"]["party"]},
                } or person == {"@type": "Person", "name": source["mention"]}
            elif source["kind"] == "named_person":
                assert person["@type"] == "Person" and person["name"] == source["name"]


def test_the_document_is_valid_json_ld_in_schema_org_terms(laos: dict[str, Any]) -> None:
    where = Appearance(url="https://news.example/laos", headline="H", date_published="2024-11-02")
    document = claim_reviews(laos, where)
    expanded = jsonld.expand(document, {"documentLoader": _offline_loader})
    assert len(expanded) == len(laos["claims"])
    for node in expanded:
        assert node["@type"] == [SCHEMA + "ClaimReview"]
        assert all(key.startswith(SCHEMA) or key.startswith("@") for key in node)
    for node in _nodes(document["@graph"]):
        unknown = set(node) - {"@type"} - ALLOWED[node["@type"]]
        assert not unknown, f"{node['@type']} has non-schema.org properties {unknown}"


def test_unknown_claim_ids_are_refused(laos: dict[str, Any]) -> None:
    with pytest.raises(KeyError, match="c999"):
        claim_reviews(laos, claim_ids=["c999"])


def test_appearance_is_left_out_when_nothing_is_known(laos: dict[str, Any]) -> None:
    node = claim_reviews(laos)["@graph"][0]
    assert "appearance" not in node["itemReviewed"]


def test_drafts_round_trip_through_the_claimreview_label_importer(laos: dict[str, Any]) -> None:
    import io
    import json

    from scoring.labels.readers import read_labels
    from scoring.labels.scale import verdict_from_rating

    document = claim_reviews(laos, Appearance(url="https://news.example/laos", headline="Laos in Kursk"))
    rows = list(read_labels(io.StringIO(json.dumps(document)), "claimreview"))
    assert [row.error for row in rows] == [""] * len(laos["claims"])
    sources = {s["id"]: s for s in laos["sources"]}
    for row, claim in zip(rows, laos["claims"], strict=True):
        label = row.label
        assert label is not None
        assert label.text == claim["text"]
        assert label.verdict == verdict_from_rating(claim["credibility"]["score"], 0, 1)
        assert label.original_label == claim["credibility"]["label"]
        assert label.venue == "https://news.example/laos"
        if claim["source_ids"]:
            first = sources[claim["source_ids"][0]]
            assert label.speaker in {first.get("name"), first.get("organisation"), first["mention"]}

"""Properties that must hold for any story, checked with hypothesis."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import Scorer, story_from_dict

MENTIONS = [
    "a Ukrainian intelligence officer",
    "the Laotian Ministry of Defense",
    "people familiar with the matter",
    "Reuters",
    "CNN, citing Reuters",
    "a spokesperson for Acme Corp",
    "Dr. Jane Moreau, an economist",
    "two U.S. officials",
    "court filings",
    "analysts",
]
WORDS = (
    "Laos Ukraine Acme troops engineers humanitarian non-combat fortify positions denied confirmed "
    "talks takeover not fewer than 200 about 1,000 killed civilians rose fell the a is are sent said"
).split()

texts = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join),
    st.text(min_size=1, max_size=80),
)
sources = st.lists(st.sampled_from(MENTIONS), max_size=3, unique=True)
stories = st.lists(st.tuples(texts, sources), min_size=1, max_size=7)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _story(items: list[tuple[str, list[str]]]) -> dict[str, Any]:
    return {
        "claims": [
            {"id": f"c{i}", "text": text, "sources": [{"id": f"m{MENTIONS.index(m)}", "mention": m} for m in srcs]}
            for i, (text, srcs) in enumerate(items)
        ]
    }


def _signals(report: dict[str, Any]) -> dict[str, Any]:
    """Per-claim results with every list made order-free."""
    return {
        c["id"]: (
            c["independence"]["score"],
            sorted(c["independence"]["parties"]),
            sorted(c["independence"]["interested_parties"]),
            c["anonymity"]["score"],
            c["conflict"]["score"],
            sorted(c["conflict"]["with"]),
            sorted(c["supported_by"]),
            c["credibility"]["score"],
            c["credibility"]["label"],
        )
        for c in report["claims"]
    }


@SETTINGS
@given(stories)
def test_scores_stay_in_unit_interval(scorer: Scorer, items: list[tuple[str, list[str]]]) -> None:
    report = scorer.score(story_from_dict(_story(items)))
    for claim in report["claims"]:
        for signal in ("independence", "anonymity", "conflict", "credibility"):
            assert 0.0 <= claim[signal]["score"] <= 1.0
    for conflict in report["conflicts"]:
        assert 0.0 <= conflict["score"] <= 1.0


@SETTINGS
@given(stories)
def test_output_is_deterministic(scorer: Scorer, items: list[tuple[str, list[str]]]) -> None:
    story = story_from_dict(_story(items))
    assert scorer.score(story) == scorer.score(story)
    assert Scorer().score(story) == scorer.score(story)


@SETTINGS
@given(stories, st.randoms(use_true_random=False))
def test_reordering_changes_only_order(scorer: Scorer, items: list[tuple[str, list[str]]], rnd: Any) -> None:
    data = _story(items)
    shuffled = [dict(c, sources=rnd.sample(c["sources"], len(c["sources"]))) for c in data["claims"]]
    rnd.shuffle(shuffled)
    before = _signals(scorer.score(story_from_dict(data)))
    after = _signals(scorer.score(story_from_dict({"claims": shuffled})))
    assert before == after


@SETTINGS
@given(stories, st.data())
def test_adding_an_independent_named_source_never_lowers_independence(
    scorer: Scorer, items: list[tuple[str, list[str]]], data: st.DataObject
) -> None:
    story = _story(items)
    target = data.draw(st.integers(0, len(story["claims"]) - 1))
    before = scorer.score(story_from_dict(story))["claims"][target]["independence"]["score"]
    story["claims"][target]["sources"].append(
        {"id": "new", "name": "Quentin Zarkovsky", "type": "person", "role": "historian"}
    )
    after = scorer.score(story_from_dict(story))["claims"][target]["independence"]["score"]
    assert after >= before


@SETTINGS
@given(stories, st.data(), st.sampled_from(["people familiar with the matter", "two U.S. officials", "sources"]))
def test_adding_an_anonymous_source_never_lowers_anonymity(
    scorer: Scorer, items: list[tuple[str, list[str]]], data: st.DataObject, mention: str
) -> None:
    story = _story(items)
    target = data.draw(st.integers(0, len(story["claims"]) - 1))
    before = scorer.score(story_from_dict(story))["claims"][target]["anonymity"]["score"]
    story["claims"][target]["sources"].append({"id": "anon", "mention": mention})
    after = scorer.score(story_from_dict(story))["claims"][target]["anonymity"]["score"]
    assert after >= before


@SETTINGS
@given(st.text(max_size=300), st.text(max_size=120))
def test_arbitrary_unicode_never_raises(scorer: Scorer, text: str, mention: str) -> None:
    story = story_from_dict({"claims": [{"text": text or "x", "sources": [{"mention": mention or "x"}]}]})
    report = scorer.score(story)
    assert len(report["claims"]) == 1

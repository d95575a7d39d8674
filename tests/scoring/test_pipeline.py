"""The scorer remembers claim readings, pair judgements, story sources and credibility; what it remembers never
changes an answer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from scoring import conflict, credibility, pipeline
from scoring.claims import story_from_dict
from scoring.pipeline import Scorer
from tests.conftest import load_fixture

STORIES = sorted(p.name for p in (Path(__file__).parents[2] / "fixtures" / "stories").glob("*.json"))


def _claims(name: str) -> list[dict[str, object]]:
    return list(load_fixture(f"stories/{name}")["claims"])


@pytest.mark.parametrize("name", STORIES)
def test_a_story_scored_again_gets_the_same_report(scorer: Scorer, name: str) -> None:
    story = story_from_dict({"claims": _claims(name)})
    assert scorer.score(story) == scorer.score(story)


def test_an_edited_story_scores_as_a_fresh_scorer_would(scorer: Scorer) -> None:
    """Re-scoring a draft after one edit: remembered readings of the other claims give the fresh answer."""
    claims = _claims("laos-kursk.json")
    scorer.score(story_from_dict({"claims": claims}))
    edited = [dict(c) for c in claims]
    edited[2]["text"] = "Laotian engineers were not helping fortify Russian positions, the ministry insisted."
    warm = scorer.score(story_from_dict({"claims": edited}))
    cold = Scorer().score(story_from_dict({"claims": edited}))
    assert warm == cold
    assert warm != scorer.score(story_from_dict({"claims": claims}))


def test_the_same_text_under_another_id_is_read_for_that_id(scorer: Scorer) -> None:
    claims = _claims("laos-kursk.json")
    renamed = [{**c, "id": f"x-{c['id']}"} for c in claims]
    scorer.score(story_from_dict({"claims": claims}))
    report = scorer.score(story_from_dict({"claims": renamed}))
    assert {c["id"] for c in report["claims"]} == {c["id"] for c in renamed}
    assert all(cid.startswith("x-") for pair in report["conflicts"] for cid in pair["claims"])
    assert all("x-" in " ".join(pair["reasons"]) for pair in report["conflicts"])


def test_memory_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "STATEMENT_CACHE_SIZE", 5)
    monkeypatch.setattr(conflict, "JUDGEMENT_CACHE_SIZE", 7)
    fresh = Scorer(use_trained_conflict=False)
    for name in STORIES:
        fresh.score(story_from_dict({"claims": _claims(name)}))
        assert len(fresh._statements) <= 5
        assert len(fresh.detector._judged) <= max(7, fresh.detector.stats["pairs_compared"] * 2)


def test_a_scorer_that_has_seen_every_story_answers_each_as_a_fresh_one(scorer: Scorer) -> None:
    """What is remembered from one story (sources, credibility) never leaks into another's answer."""
    stories = [story_from_dict({"claims": _claims(name)}) for name in STORIES]
    for story in stories:
        scorer.score(story)
    fresh = Scorer()
    for story in reversed(stories):
        assert scorer.score(story) == fresh.score(story)


def test_signals_are_what_the_credibility_model_scores(scorer: Scorer) -> None:
    story = story_from_dict({"claims": _claims("laos-kursk.json")})
    signals = scorer.signals(story)
    report = scorer.score(story)
    assert [context.text for _, context in signals] == [c["text"] for c in report["claims"]]
    rows = np.array([row for row, _ in signals])
    expected = credibility.expected_score(scorer.model, scorer.model.predict_proba(rows))
    assert [c["credibility"]["score"] for c in report["claims"]] == [round(float(x), 4) for x in expected]


def test_remembered_stories_and_scores_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "STORY_CACHE_SIZE", 3)
    monkeypatch.setattr(pipeline, "CREDIBILITY_CACHE_SIZE", 4)
    fresh = Scorer(use_trained_conflict=False)
    for name in STORIES:
        claims = _claims(name)
        fresh.score(story_from_dict({"claims": claims}))
        assert len(fresh._stories) <= 3
        assert len(fresh._credibility) <= max(4, len(claims))

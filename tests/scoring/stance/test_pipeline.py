"""With the trained model in place, the seed story keeps its conflicts, its non-conflicts and its rule reasons."""

from __future__ import annotations

from scoring import Scorer, story_from_dict
from scoring.conflict import Judgement, PairScorer
from scoring.statements import Statement
from tests.conftest import load_fixture


def _conflicts(report: dict) -> dict[frozenset[str], dict]:  # type: ignore[type-arg]
    return {frozenset(c["claims"]): c for c in report["conflicts"]}


def test_the_default_scorer_includes_the_shipped_model(scorer: Scorer) -> None:
    assert [s.name for s in scorer.detector.scorers] == ["rules", "stance-model"]


def test_the_model_can_be_left_out() -> None:
    assert [s.name for s in Scorer(use_trained_conflict=False).detector.scorers] == ["rules"]


def test_the_seed_story_keeps_its_conflicts_with_the_model(scorer: Scorer) -> None:
    story = load_fixture("stories/laos-kursk.json")
    conflicts = _conflicts(scorer.score(story_from_dict(story)))
    for pair in story["expect"]["conflicts"]:
        found = conflicts[frozenset(pair)]
        assert any("non-combat" in reason for reason in found["reasons"])  # the rule's reason stays
    for pair in story["expect"]["no_conflict"]:
        assert frozenset(pair) not in conflicts


class _Always:
    """A fake extra scorer that calls every pair a conflict."""

    name = "always"

    def judge(self, a: Statement, b: Statement, similarity: float) -> Judgement:
        return Judgement("conflict", 0.9, (f"{a.claim_id} and {b.claim_id} always clash.",), ("always",))


def test_extra_scorers_still_join_the_rules_and_the_model(scorer: Scorer) -> None:
    extra: PairScorer = _Always()
    custom = Scorer(knowledge=scorer.knowledge, extra_scorers=[extra])
    assert [s.name for s in custom.detector.scorers] == ["rules", "always", "stance-model"]
    story = load_fixture("stories/laos-kursk.json")
    assert any("always clash" in r for c in custom.score(story_from_dict(story))["conflicts"] for r in c["reasons"])

"""Candidate pairs: every pair sharing something in a small story, a bounded number in a large one."""

from __future__ import annotations

from scoring import Scorer, story_from_dict
from scoring.candidates import candidate_pairs
from scoring.statements import read_statement


def _statements(scorer: Scorer, texts: list[str]):  # type: ignore[no-untyped-def]
    story = story_from_dict({"claims": [{"text": t} for t in texts]})
    return [read_statement(c, scorer.knowledge) for c in story.claims]


def test_small_story_pairs_share_something(scorer: Scorer) -> None:
    statements = _statements(scorer, ["Acme buys Beta.", "Acme denies buying Beta.", "Rain fell in Oslo."])
    pairs = candidate_pairs(statements, scorer.knowledge)
    assert set(pairs) == {(0, 1)}
    assert 0 < pairs[(0, 1)] <= 1


def test_contrast_phrases_pair_claims_without_shared_words(scorer: Scorer) -> None:
    statements = _statements(scorer, ["It is a non-combat role.", "They help fortify positions."])
    assert set(candidate_pairs(statements, scorer.knowledge)) == {(0, 1)}


def test_large_story_compares_far_fewer_than_all_pairs(scorer: Scorer) -> None:
    texts = [
        f"Company{i % 97} said revenue reached {i} dollars in quarter {i % 4} of plan{i % 13}." for i in range(600)
    ]
    statements = _statements(scorer, texts)
    pairs = candidate_pairs(statements, scorer.knowledge, max_df=50, neighbours=30)
    all_pairs = 600 * 599 // 2
    assert 0 < len(pairs) <= 600 * 30
    assert len(pairs) < all_pairs / 5

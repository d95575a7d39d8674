"""Folds by story keep every story, and every text of it, on one side of each split."""

from __future__ import annotations

import random

import numpy as np
import pytest

from scoring.stance.data import StancePair
from scoring.stance.story_folds import story_folds


def _corpus(stories: int = 10) -> list[StancePair]:
    """``stories`` stories of two bodies sharing a headline, plus unrelated pairs across stories."""
    pairs: list[StancePair] = []
    for s in range(stories):
        for body in (f"s{s}-b1", f"s{s}-b2"):
            pairs.append(StancePair(f"story {s} headline", "text", "agree", body))
            pairs.append(StancePair(f"story {s} denial of {body}", "text", "disagree", body))
            pairs.append(StancePair(f"story {(s + 1) % stories} headline", "text", "unrelated", body))
            pairs.append(StancePair(f"a headline no body discusses {s}", "text", "unrelated", body))
    return pairs


def test_a_story_stays_in_one_fold() -> None:
    pairs = _corpus()
    folds = story_folds(pairs, 5)
    for i, pair in enumerate(pairs):
        story = pair.group.split("-")[0]
        same_story = [j for j, p in enumerate(pairs) if p.group.startswith(story + "-")]
        assert set(folds.body_fold[same_story]) == {folds.body_fold[i]}
        if pair.stance != "unrelated":
            assert folds.headline_fold[i] == folds.body_fold[i]


def test_folds_are_balanced_by_pairs() -> None:
    folds = story_folds(_corpus(10), 5)
    assert np.bincount(folds.body_fold, minlength=5).tolist() == [16] * 5


def test_training_pairs_never_touch_the_scored_stories() -> None:
    pairs = _corpus()
    folds = story_folds(pairs, 5)
    for fold in range(5):
        train, test = folds.train(fold), folds.test(fold)
        assert len(test) and len(train)
        assert not set(train) & set(test)
        test_texts = {pairs[i].a for i in test if pairs[i].stance != "unrelated"} | {pairs[i].group for i in test}
        assert not test_texts & ({pairs[i].a for i in train} | {pairs[i].group for i in train})
    assert sorted(np.concatenate([folds.test(f) for f in range(5)]).tolist()) == list(range(len(pairs)))


def test_folds_do_not_depend_on_pair_order() -> None:
    pairs = _corpus()
    shuffled = list(pairs)
    random.Random(3).shuffle(shuffled)
    first, second = story_folds(pairs, 5), story_folds(shuffled, 5)
    fold_of = {(p.a, p.group): int(f) for p, f in zip(pairs, first.body_fold, strict=True)}
    assert all(fold_of[(p.a, p.group)] == f for p, f in zip(shuffled, second.body_fold, strict=True))


def test_a_shared_headline_joins_two_bodies_into_one_story() -> None:
    pairs = [
        StancePair("Mayor resigns", "text", "agree", "b1"),
        StancePair("Mayor resigns", "text", "discuss", "b2"),
        StancePair("Storm hits coast", "text", "agree", "b3"),
        StancePair("Storm hits coast", "text", "unrelated", "b4"),
        StancePair("Team wins cup", "text", "agree", "b4"),
    ]
    folds = story_folds(pairs, 2)
    assert folds.body_fold[0] == folds.body_fold[1]
    # An unrelated pair's headline keeps the fold of its own story, not the body's.
    assert folds.headline_fold[3] == folds.body_fold[2]


def test_fewer_than_two_folds_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 2 folds"):
        story_folds(_corpus(2), 1)

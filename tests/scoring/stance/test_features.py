"""Pair features say what a reader sees: shared words, who denies, negates or hedges them."""

from __future__ import annotations

import numpy as np
import pytest

from scoring.claims import Claim
from scoring.knowledge import Knowledge
from scoring.stance.encoding import encode
from scoring.stance.features import FEATURE_NAMES, pair_features
from scoring.stance.featurize import word_vectorizer
from scoring.statements import read_statement

Features = dict[tuple[int, int], dict[str, float]]

TEXTS = [
    "The minister resigned on Tuesday over the expenses scandal.",
    "The ministry denied that the minister resigned over the expenses scandal, calling the report false.",
    "The minister did not resign over the expenses scandal.",
    "The minister reportedly resigned over the expenses scandal.",
    "Police said 12 people were injured in the crash.",
    "Police said 40 people were injured in the crash.",
    "The football final ends in a draw after extra time.",
]


@pytest.fixture(scope="module")
def features(knowledge: Knowledge) -> Features:
    statements = [read_statement(Claim(str(i), t), knowledge) for i, t in enumerate(TEXTS)]
    encoded = encode(statements, knowledge, word_vectorizer(TEXTS))
    pairs = [(0, 1), (0, 2), (0, 3), (4, 5), (0, 6), (1, 0)]
    matrix = pair_features(encoded, np.asarray([a for a, _ in pairs]), np.asarray([b for _, b in pairs]))
    assert matrix.shape == (len(pairs), len(FEATURE_NAMES))
    return {pair: dict(zip(FEATURE_NAMES, row.tolist(), strict=True)) for pair, row in zip(pairs, matrix, strict=True)}


def test_a_denial_of_the_shared_words_is_seen_on_the_denying_side(features: Features) -> None:
    assert features[(0, 1)]["b_denies_shared"] >= 2
    assert features[(0, 1)]["a_denies_shared"] == 0
    assert features[(1, 0)]["a_denies_shared"] >= 2
    assert features[(0, 1)]["more_denial_cues_in_b"] >= 1


def test_a_negation_of_a_shared_word_is_seen(features: Features) -> None:
    assert features[(0, 2)]["b_negates_shared"] >= 1
    assert features[(0, 2)]["a_negates_shared"] == 0


def test_a_hedge_is_seen(features: Features) -> None:
    assert features[(0, 3)]["b_hedges_shared"] >= 1
    assert features[(0, 3)]["b_denies_shared"] == 0


def test_numbers_that_cannot_both_hold(features: Features) -> None:
    assert features[(4, 5)]["numbers_disagree"] == 1
    assert features[(4, 5)]["numbers_agree"] == 0


def test_unrelated_texts_share_nothing(features: Features) -> None:
    assert features[(0, 6)]["shared_words"] == 0
    assert features[(0, 6)]["word_cosine"] < features[(0, 3)]["word_cosine"]


def test_the_sentence_vocabulary_keeps_a_word_only_one_text_uses() -> None:
    # A headline's own words get their own weights, so the shared cue words are not bent to fit that headline.
    vocabulary = word_vectorizer(TEXTS).vocabulary_
    assert "football" in vocabulary and "football final" in vocabulary  # each in one text only
    assert "minister" in vocabulary

"""Refutation features find the cues in the sentences that retell the headline, and the key words negated."""

from __future__ import annotations

import numpy as np
import pytest

from scoring.stance.headline_body import fit_reader, read_cues
from scoring.stance.refutation import (
    FEATURE_NAMES,
    SPLIT_NAMES,
    headline_disputes,
    refutation_by_headline,
    refutation_features,
    tokens,
)

HEADLINES = [
    "Shark spotted swimming in flooded city streets",
    "Minister resigns over expenses scandal",
]
BODIES = [
    # 0: the sentence that retells the headline calls it a hoax
    "Heavy rain flooded the city on Sunday. A photo of a shark swimming in the flooded streets is a hoax, "
    "experts said. Roads remain closed.",
    # 1: a hoax elsewhere, the headline's story told straight
    "A shark was spotted swimming in the flooded city streets on Sunday. Residents filmed it from balconies. "
    "In other news, a story about a giant squid was a hoax.",
    # 2: the key words negated
    "The minister did not resign over the expenses scandal, his office said. He didn't step down.",
    # 3: the resignation reported, a hedge next to it
    "The minister reportedly resigns over the expenses scandal, according to aides.",
]
PAIRS = [(0, 0), (0, 1), (1, 2), (1, 3), (1, 0)]
Features = dict[tuple[int, int], dict[str, float]]


@pytest.fixture(scope="module")
def reader() -> dict[str, object]:
    return fit_reader(HEADLINES * 2 + BODIES * 2, read_cues())


@pytest.fixture(scope="module")
def features(reader: dict[str, object]) -> Features:
    rows_a = np.asarray([h for h, _ in PAIRS])
    rows_b = np.asarray([b for _, b in PAIRS])
    matrix = refutation_features(reader, HEADLINES, BODIES, rows_a, rows_b)
    assert matrix.shape == (len(PAIRS), len(FEATURE_NAMES))
    assert np.isfinite(matrix).all()
    return {pair: dict(zip(FEATURE_NAMES, row.tolist(), strict=True)) for pair, row in zip(PAIRS, matrix, strict=True)}


def test_contractions_read_as_not() -> None:
    assert tokens("He didn't step down") == ["he", "did", "not", "step", "down"]
    assert tokens("It isn\u2019t true") == ["it", "is", "not", "true"]


def test_a_hoax_in_the_retelling_sentence_weighs_more_than_one_elsewhere(features: Features) -> None:
    debunk, aside = features[(0, 0)], features[(0, 1)]
    assert debunk["refute_sentence_max"] > 0.5
    assert aside["refute_sentence_max"] == 0.0  # the squid sentence repeats no headline word
    assert debunk["refute_cue_nearness"] > aside["refute_cue_nearness"]
    assert debunk["refute_near_headline_words"] > 0


def test_negated_key_words_are_found(features: Features) -> None:
    denied, reported = features[(1, 2)], features[(1, 3)]
    assert denied["key_words_negated"] > 0
    assert reported["key_words_negated"] == 0
    assert reported["hedge_cue_nearness"] > 0
    assert reported["hedge_sentence_max"] > 0.5
    assert denied["hedge_sentence_max"] == 0


def test_an_unrelated_body_has_no_refutation_of_the_headline(features: Features) -> None:
    assert all(value == 0 for value in features[(1, 0)].values())


def test_the_blocks_split_by_whether_the_headline_disputes(reader: dict[str, object]) -> None:
    headlines = [*HEADLINES, "Shark in flooded streets is a hoax", "Minister did not resign"]
    assert headline_disputes(reader, headlines).tolist() == [0.0, 0.0, 1.0, 1.0]
    rows_a, rows_b = np.asarray([0, 2, 3]), np.asarray([0, 0, 2])
    plain = refutation_features(reader, headlines, BODIES, rows_a, rows_b)
    split = refutation_by_headline(reader, headlines, BODIES, rows_a, rows_b)
    width = len(FEATURE_NAMES)
    assert split.shape == (3, len(SPLIT_NAMES)) == (3, 2 * width)
    assert np.array_equal(split[0, width:], plain[0]) and not split[0, :width].any()
    assert np.array_equal(split[1, :width], plain[1]) and not split[1, width:].any()
    assert split[1, FEATURE_NAMES.index("refute_sentence_max")] > 0  # the hoax body, read for a hoax headline
    assert split[2, FEATURE_NAMES.index("key_words_negated")] > 0

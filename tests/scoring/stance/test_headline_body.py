"""Headline-body features find the sentences about the headline and the cues in them."""

from __future__ import annotations

import numpy as np
import pytest

from scoring.stance.headline_body import feature_names, fit_reader, headline_body_features, read_cues, sentences

HEADLINES = [
    "Shark spotted swimming in flooded city streets",
    "Minister resigns over expenses scandal",
    "Local bakery wins national bread award",
]
BODIES = [
    # 0: debunks the shark story in its second sentence
    "Heavy rain flooded the city on Sunday. A photo of a shark swimming in the flooded streets is a hoax, "
    "experts said. The image was fabricated from an old picture. Roads remain closed.",
    # 1: reports the resignation
    "The minister resigned on Tuesday. The expenses scandal had grown for weeks. "
    "Officials confirmed the minister resigns from the cabinet.",
    # 2: about something else
    "The football final ended in a draw after extra time. Fans celebrated in the square.",
    "A national award went to a local bakery for its bread. The bakery owner said the bread award was a surprise.",
]
PAIRS = [(0, 0), (1, 1), (1, 2), (2, 3), (0, 2)]
Features = dict[tuple[int, int], dict[str, float]]


@pytest.fixture(scope="module")
def features() -> Features:
    reader = fit_reader(HEADLINES * 2 + BODIES * 2, read_cues())
    rows_a = np.asarray([h for h, _ in PAIRS])
    rows_b = np.asarray([b for _, b in PAIRS])
    matrix = headline_body_features(reader, HEADLINES, BODIES, rows_a, rows_b)
    names = feature_names(reader)
    assert matrix.shape == (len(PAIRS), len(names))
    assert np.isfinite(matrix).all()
    return {pair: dict(zip(names, row.tolist(), strict=True)) for pair, row in zip(PAIRS, matrix, strict=True)}


def test_a_body_is_cut_into_sentences() -> None:
    assert sentences("One sentence. Another one!\nA third?") == ["One sentence.", "Another one!", "A third?"]
    assert sentences("no stop") == ["no stop"]


def test_the_closest_sentence_is_found_and_carries_the_refutation(features: Features) -> None:
    debunk = features[(0, 0)]
    assert debunk["sentence_max_cosine"] > debunk["sentence_first_cosine"]
    assert debunk["sentence_closest_position"] == pytest.approx(1 / 4)
    assert debunk["refute_closest_sentence"] >= 1
    assert debunk["refute_body"] >= 2
    assert debunk['"hoax" in body'] > 0


def test_a_related_body_is_closer_than_an_unrelated_one(features: Features) -> None:
    related, unrelated = features[(1, 1)], features[(1, 2)]
    for name in ("body_word_cosine", "body_char_cosine", "sentence_max_cosine", "headline_1grams_in_body"):
        assert related[name] > unrelated[name], name
    assert related['"confirmed" in body'] > 0
    assert unrelated["headline_1grams_in_body"] == 0


def test_headline_words_in_the_lead_are_counted(features: Features) -> None:
    award = features[(2, 3)]
    assert award["headline_1grams_in_body_lead"] > 0.5
    assert features[(0, 2)]["headline_1grams_in_body_lead"] < 0.2  # only "in"
    assert features[(0, 2)]["headline_2grams_in_body"] == 0

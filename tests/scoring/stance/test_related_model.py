"""The headline-body model's related-pairs model re-splits related pairs and leaves P(unrelated) to the trees."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from scipy import sparse

from scoring.knowledge import Knowledge
from scoring.stance.data import STANCES, StancePair
from scoring.stance.featurize import fnc_inputs, fnc_words
from scoring.stance.headline_body import fit_reader, hashed_tfidf, read_cues
from scoring.stance.model import fnc_probabilities
from scoring.stance.training import TrainingConfig, fit_headline_body
from tests.scoring.stance.conftest import tiny_corpora

UNRELATED = STANCES.index("unrelated")


@pytest.fixture(scope="module")
def fitted(knowledge: Knowledge) -> tuple[dict[str, Any], np.ndarray, sparse.csr_matrix, list[StancePair]]:
    corpora = tiny_corpora()
    pairs = corpora.fnc_train + corpora.fnc_holdout
    texts = [p.a for p in pairs] + [p.b for p in pairs]
    readers = {
        "vectorizer": hashed_tfidf(sorted(set(texts)), 2**10, min_df=1, ngram_range=(1, 2)),
        "reader": fit_reader(texts, read_cues()),
    }
    features, words = fnc_inputs(readers, pairs, knowledge), fnc_words(readers, pairs)
    y = np.asarray([STANCES.index(p.stance) for p in pairs])
    config = TrainingConfig(fnc_iterations=10, related_mix=0.5)
    return {**readers, **fit_headline_body(features, words, y, config, 0.5)}, features, words, pairs


def test_word_rows_hold_the_body_then_the_headline(fitted: Any) -> None:
    fnc, _, words, pairs = fitted
    width = fnc["reader"]["words"].transform(["x"]).shape[1]
    assert words.shape == (len(pairs), 2 * width)
    # Pairs of one body share its half of the row; their headlines differ.
    same_body = [i for i, p in enumerate(pairs) if p.group == pairs[0].group]
    assert len(same_body) > 1
    bodies = words[same_body][:, :width].toarray()
    assert np.allclose(bodies, bodies[0])
    assert not np.allclose(words[same_body[0], width:].toarray(), words[same_body[1], width:].toarray())


def test_the_mix_keeps_the_trees_unrelated_probability(fitted: Any) -> None:
    fnc, features, words, _ = fitted
    mixed = fnc_probabilities(fnc, features, words)
    trees = fnc_probabilities({**fnc, "related_mix": 0.0}, features, words)
    assert np.allclose(mixed.sum(axis=1), 1.0)
    assert np.allclose(mixed[:, UNRELATED], trees[:, UNRELATED])
    assert np.allclose(trees, fnc["classifier"].predict_proba(features))


def test_the_related_split_is_halfway_between_trees_and_words(fitted: Any) -> None:
    fnc, features, words, _ = fitted
    mixed = fnc_probabilities(fnc, features, words)
    trees = fnc_probabilities({**fnc, "related_mix": 0.0}, features, words)
    linear = fnc_probabilities({**fnc, "related_mix": 1.0}, features, words)
    related = 1.0 - trees[:, UNRELATED : UNRELATED + 1]
    assert np.allclose(mixed[:, :UNRELATED], (trees[:, :UNRELATED] + linear[:, :UNRELATED]) / 2)
    assert np.allclose(linear[:, :UNRELATED].sum(axis=1, keepdims=True), related)
    assert not np.allclose(linear, trees)


def test_without_a_mix_no_related_model_is_fitted(fitted: Any) -> None:
    _, features, words, pairs = fitted
    y = np.asarray([STANCES.index(p.stance) for p in pairs])
    fnc = fit_headline_body(features, words, y, TrainingConfig(fnc_iterations=5, related_mix=0.0), 0.5)
    assert set(fnc) == {"classifier", "related_mix"}

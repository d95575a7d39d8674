"""Precedents: the verdicts of the most similar labelled claims, never a training row's own."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from scoring.training import precedent
from scoring.training.precedent import out_of_fold_precedents, precedent_features

LABELLED = [
    "The state cut school funding by a billion dollars last year.",
    "Crime in the city doubled since the mayor took office.",
    "Unemployment fell to its lowest level in a decade.",
    "The bridge was built without a single federal dollar.",
]
LABELS = np.array([0, 0, 1, 1])
PRIOR = np.array([0.5, 0.5])


def _rows(texts: list[str], vectorizer: TfidfVectorizer) -> sp.csr_matrix:
    return sp.csr_matrix(vectorizer.transform(texts))


def test_a_claim_checked_before_takes_its_verdict_and_a_new_one_reads_as_the_prior() -> None:
    vectorizer = TfidfVectorizer(sublinear_tf=True).fit(LABELLED)
    got = precedent_features(
        _rows(["Unemployment fell to its lowest level in a decade!", "Penguins enjoy cold water."], vectorizer),
        _rows(LABELLED, vectorizer),
        LABELS,
        PRIOR,
    )
    assert got.shape == (2, 3)
    assert got[0, 1] > 0.95 and got[0, 2] > 0.99  # the repeated claim: its verdict, and it is a near-duplicate
    assert np.allclose(got[1], [0.5, 0.5, 0.0])  # nothing alike: the prior, no evidence


def test_loose_matches_hardly_move_the_prior() -> None:
    vectorizer = TfidfVectorizer(sublinear_tf=True).fit(LABELLED)
    probe = _rows(["Funding for the city bridge."], vectorizer)
    got = precedent_features(probe, _rows(LABELLED, vectorizer), LABELS, PRIOR)
    assert 0.0 < got[0, 2] < 0.5
    assert np.allclose(got[0, :2], PRIOR, atol=0.1)


def test_a_training_row_never_finds_itself() -> None:
    texts = [*LABELLED, "The state cut school funding by a billion dollars last year."]
    labels = np.array([0, 0, 1, 1, 1])
    vectorizer = TfidfVectorizer(sublinear_tf=True).fit(texts)
    folds = [np.array([0, 2]), np.array([1, 3, 4])]
    got = out_of_fold_precedents(_rows(texts, vectorizer), labels, folds, PRIOR)
    assert got[0, 1] > 0.95  # row 0 finds its twin (row 4, other fold, labelled 1), not its own label 0
    assert got[4, 0] > 0.95  # and row 4 finds row 0
    assert np.allclose(got[1, :2], PRIOR, atol=0.01)  # row 1 shares only "the" with the other fold: the prior


def test_claims_are_compared_in_blocks_with_the_same_result_as_one_by_one() -> None:
    rng = np.random.default_rng(0)
    words = ["tax", "school", "crime", "jobs", "bridge", "budget", "city", "state", "rose", "fell"]
    texts = [" ".join(rng.choice(words, size=6)) for _ in range(100)]
    vectorizer = TfidfVectorizer(sublinear_tf=True).fit(texts)
    rows = _rows(texts, vectorizer)
    labelled, labels = rows[:50], rng.integers(0, 2, size=50)
    blocked = precedent_features(rows, labelled, labels, PRIOR, cells=7 * 50)  # blocks of 7 claims
    assert np.array_equal(blocked, precedent_features(rows, labelled, labels, PRIOR))
    for i in (0, 6, 7, 99):
        assert np.allclose(blocked[i], precedent_features(rows[i], labelled, labels, PRIOR)[0])
    few = precedent_features(rows[:5], rows[:2], labels[:2], PRIOR)  # fewer labelled claims than neighbours read
    assert precedent.NEIGHBOURS > 2 and few.shape == (5, 3) and np.allclose(few[:, :2].sum(axis=1), 1.0)

"""The sentence model's array readouts give scikit-learn's numbers, or are not used."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.preprocessing import MaxAbsScaler

from scoring.stance.artifact import SHIPPED_ARTIFACT, load_artifact
from scoring.stance.readout import LinearReadout, TfidfReadout


def _data(classes: int, seed: int = 0) -> tuple[sparse.csr_matrix, np.ndarray]:
    rng = np.random.default_rng(seed)
    inputs = sparse.random(300, 40, density=0.2, format="csr", random_state=seed) * 5
    labels = rng.integers(0, classes, size=300)
    return inputs, labels


def test_the_shipped_model_has_a_readout_matching_scikit_learn() -> None:
    claims = load_artifact(SHIPPED_ARTIFACT)["claims"]
    readout = LinearReadout.verified(claims["scaler"], claims["classifier"])
    assert readout is not None
    width = len(claims["scaler"].scale_)
    inputs = sparse.random(50, width, density=0.01, format="csr", random_state=7) * 3
    expected = claims["classifier"].predict_proba(claims["scaler"].transform(inputs))
    scaled = readout.transform(inputs)
    assert abs(scaled - claims["scaler"].transform(inputs)).max() < 1e-12
    assert np.allclose(readout.predict_proba(scaled), expected, rtol=0, atol=1e-12)


def test_a_multinomial_model_gets_a_readout() -> None:
    inputs, labels = _data(4)
    scaler = MaxAbsScaler().fit(inputs)
    classifier = LogisticRegression(max_iter=500).fit(scaler.transform(inputs), labels)
    assert LinearReadout.verified(scaler, classifier) is not None


def test_models_that_are_not_a_softmax_keep_scikit_learn() -> None:
    inputs, labels = _data(4)
    scaler = MaxAbsScaler().fit(inputs)
    one_vs_rest = SGDClassifier(loss="log_loss", random_state=0).fit(scaler.transform(inputs), labels)
    assert LinearReadout.verified(scaler, one_vs_rest) is None  # its probabilities are normalised sigmoids
    binary_inputs, binary_labels = _data(2)
    binary = LogisticRegression().fit(binary_inputs, binary_labels)
    assert LinearReadout.verified(MaxAbsScaler().fit(binary_inputs), binary) is None


def test_the_shipped_vectorizer_has_a_tfidf_readout_matching_scikit_learn() -> None:
    vectorizer = load_artifact(SHIPPED_ARTIFACT)["claims"]["vectorizer"]
    readout = TfidfReadout.verified(vectorizer)
    assert readout is not None
    stories = sorted((Path(__file__).parents[3] / "fixtures" / "stories").glob("*.json"))
    texts = [c["text"] for path in stories for c in json.loads(path.read_text(encoding="utf-8"))["claims"]]
    texts += ["", "!!!", "said said said said"]  # no words, no known words, one word many times
    assert abs(readout.transform(texts) - vectorizer.transform(texts)).max() < 1e-12


def test_vectorizers_the_readout_does_not_know_keep_scikit_learn() -> None:
    corpus = ["troops fortify positions", "engineers clear mines", "troops clear positions"] * 3
    assert TfidfReadout.verified(TfidfVectorizer(sublinear_tf=True).fit(corpus)) is not None
    assert TfidfReadout.verified(TfidfVectorizer().fit(corpus)) is None  # raw term counts, not 1 + log
    assert TfidfReadout.verified(TfidfVectorizer(sublinear_tf=True, norm="l1").fit(corpus)) is None

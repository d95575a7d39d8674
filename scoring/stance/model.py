"""What each of the two estimators reads, so training and scoring build inputs the same way.

* The sentence model (``claims``) is a multinomial logistic regression over
  the pair features and the words of ``b``: the words a headline uses to take
  a side ("hoax", "claims", "confirms") matter as much as what it shares with
  the claim. Being linear, its reasons are exact: each input's share of the
  log-odds.
* The headline-body model (``fnc``) is gradient boosting over the pair
  features and the headline-body features
  (:mod:`scoring.stance.headline_body`), whose split of the related pairs is
  mixed with that of a linear model over the same inputs plus the words of
  body and headline, trained on related pairs only; it is used for the FNC-1
  benchmark, where bodies are long. Its probabilities are multiplied by
  per-class scales before the argmax, so the rare classes are predicted as
  often as they pay off.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import sparse

from scoring.stance.data import STANCES
from scoring.stance.features import FEATURE_NAMES

DISAGREE = STANCES.index("disagree")


def claims_inputs(features: np.ndarray, tfidf_b: sparse.csr_matrix) -> sparse.csr_matrix:
    """The sentence model's input: pair features, then the TF-IDF row of ``b``."""
    return sparse.hstack([sparse.csr_matrix(features), tfidf_b], format="csr")


def input_names(vectorizer: Any) -> list[str]:
    """Readable names of the sentence model's input columns."""
    words = [f'the word "{w}" in b' for w in vectorizer.get_feature_names_out()]
    return list(FEATURE_NAMES) + words


def disagree_contributions(classifier: Any, scaled_row: sparse.csr_matrix) -> list[tuple[int, float]]:
    """Each non-zero input's contribution to the log-odds of ``disagree`` against the mean class, largest first."""
    coef = np.asarray(classifier.coef_)
    relative = coef[DISAGREE] - coef.mean(axis=0)
    row = scaled_row.tocsr()
    pairs = [(int(j), float(relative[j] * v)) for j, v in zip(row.indices, row.data, strict=True)]
    return sorted(pairs, key=lambda item: (-item[1], item[0]))


def related_inputs(scaler: Any, inputs: np.ndarray, words: sparse.csr_matrix) -> sparse.csr_matrix:
    """The related-pairs model's input: the scaled headline-body inputs, then the body's and headline's words."""
    return sparse.hstack([sparse.csr_matrix(scaler.transform(inputs)), words], format="csr")


def _by_stance(classifier: Any, inputs: Any, width: int) -> np.ndarray:
    """``predict_proba`` with one column per stance index ``0 .. width - 1`` (zero for classes never trained on)."""
    proba = np.asarray(classifier.predict_proba(inputs), dtype=np.float64)
    out = np.zeros((proba.shape[0], width))
    out[:, np.asarray(classifier.classes_, dtype=np.int64)] = proba
    return out


def fnc_probabilities(fnc: dict[str, Any], inputs: np.ndarray, words: sparse.csr_matrix) -> np.ndarray:
    """The headline-body model's P(stance) for each row, before its class scales.

    The boosted trees give P(unrelated) and a split of the rest; the split is
    mixed (weight ``related_mix``) with that of the related-pairs model, a
    linear model over the inputs and the words of body and headline
    (:func:`scoring.stance.featurize.fnc_words`), trained on related pairs only.
    """
    proba = _by_stance(fnc["classifier"], inputs, len(STANCES))
    mix = float(fnc.get("related_mix", 0.0))
    if mix <= 0.0:
        return proba
    unrelated = STANCES.index("unrelated")
    related = 1.0 - proba[:, unrelated : unrelated + 1]
    split = proba[:, :unrelated] / np.maximum(related, 1e-12)
    linear = _by_stance(fnc["related_classifier"], related_inputs(fnc["related_scaler"], inputs, words), unrelated)
    mixed = (1.0 - mix) * split + mix * linear
    return np.hstack([related * mixed, proba[:, unrelated : unrelated + 1]])


def fnc_stances(fnc: dict[str, Any], inputs: np.ndarray, words: sparse.csr_matrix) -> list[str]:
    """The headline-body model's stance for each row of ``inputs``, after its class scales."""
    scales = np.asarray(fnc.get("class_scales", [1.0] * len(STANCES)), dtype=np.float64)
    proba = fnc_probabilities(fnc, inputs, words) * scales
    return [STANCES[int(i)] for i in proba.argmax(axis=1)]

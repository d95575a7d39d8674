"""What each of the two estimators reads, so training and scoring build inputs the same way.

* The sentence model (``claims``) is a multinomial logistic regression over
  the pair features and the words of ``b``: the words a headline uses to take
  a side ("hoax", "claims", "confirms") matter as much as what it shares with
  the claim. Being linear, its reasons are exact: each input's share of the
  log-odds.
* The headline-body model (``fnc``) is gradient boosting over the pair
  features and the headline-body features
  (:mod:`scoring.stance.headline_body`); it is used for the FNC-1 benchmark,
  where bodies are long. Its probabilities are multiplied by per-class scales
  chosen on the hold-out split before the argmax, so the rare classes are
  predicted as often as they pay off.
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


def fnc_stances(fnc: dict[str, Any], inputs: np.ndarray) -> list[str]:
    """The headline-body model's stance for each row of ``inputs``, after its class scales."""
    scales = np.asarray(fnc.get("class_scales", [1.0] * len(STANCES)), dtype=np.float64)
    proba = np.asarray(fnc["classifier"].predict_proba(inputs)) * scales
    return [STANCES[int(i)] for i in proba.argmax(axis=1)]

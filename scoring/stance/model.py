"""What each of the two estimators reads, so training and scoring build inputs the same way.

* The sentence model (``claims``) is a multinomial logistic regression over
  the pair features and the words of ``b``: the words a headline uses to take
  a side ("hoax", "claims", "confirms") matter as much as what it shares with
  the claim. Being linear, its reasons are exact: each input's share of the
  log-odds.
* The headline-body model (``fnc``) is gradient boosting over the pair
  features alone; it is used for the FNC-1 benchmark, where bodies are long.
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

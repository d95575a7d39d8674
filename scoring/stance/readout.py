"""The sentence model's scaler and softmax regression as three arrays, for a story's few pairs.

scikit-learn checks its inputs on every call (finite values, sparse formats,
whether the input is a dataframe), and for the dozen pairs of a twenty-claim
story those checks cost more than the arithmetic. The readout computes the same
numbers — max-abs scaling, then a softmax over ``X·Wᵀ + b`` — and has to prove
it when the model loads: on a seeded probe batch it must match scikit-learn's
``transform`` and ``predict_proba`` to 1e-9, or the scorer keeps calling
scikit-learn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

PROBE_ROWS = 16
TOLERANCE = 1e-9


@dataclass(frozen=True)
class LinearReadout:
    """``softmax((X · diag(1 / scale)) · coefᵀ + intercept)``, the model's probabilities without per-call checks."""

    inverse_scale: np.ndarray
    coef_t: np.ndarray
    intercept: np.ndarray

    @classmethod
    def verified(cls, scaler: Any, classifier: Any, seed: int = 0) -> LinearReadout | None:
        """The readout of a fitted max-abs scaler and multinomial logistic regression, or None if it differs."""
        scale = getattr(scaler, "scale_", None)
        coef = getattr(classifier, "coef_", None)
        intercept = getattr(classifier, "intercept_", None)
        if scale is None or coef is None or intercept is None or np.asarray(coef).shape[0] < 3:
            return None  # not the shape this readout knows (a binary model uses a sigmoid)
        readout = cls(
            1.0 / np.asarray(scale, dtype=np.float64),
            np.ascontiguousarray(np.asarray(coef, dtype=np.float64).T),
            np.asarray(intercept, dtype=np.float64),
        )
        probe = sparse.random(
            PROBE_ROWS, len(scale), density=min(1.0, 20 / max(1, len(scale))), format="csr", random_state=seed
        )
        try:
            expected = classifier.predict_proba(scaler.transform(probe))
            got = readout.predict_proba(readout.transform(probe))
        except (ValueError, TypeError):
            return None
        return readout if got.shape == expected.shape and np.allclose(got, expected, rtol=0, atol=TOLERANCE) else None

    def transform(self, inputs: sparse.csr_matrix) -> sparse.csr_matrix:
        """The scaler's output: each stored value times its column's inverse scale (the zeros stay zeros)."""
        rows = sparse.csr_matrix(inputs)
        return sparse.csr_matrix(
            (rows.data * self.inverse_scale[rows.indices], rows.indices, rows.indptr), shape=rows.shape
        )

    def predict_proba(self, scaled: sparse.csr_matrix) -> np.ndarray:
        """The classifier's class probabilities."""
        logits: np.ndarray = np.asarray(scaled @ self.coef_t) + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        np.exp(logits, out=logits)
        logits /= logits.sum(axis=1, keepdims=True)
        return logits

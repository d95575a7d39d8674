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


PROBE_TEXTS = (
    "Officials denied the report, calling it fake news.",
    "The ministry said troops were helping fortify positions near the border.",
    "Rents rose 9% this year, according to figures released on Monday.",
    "",
    "Ünïcode, punctuation -- and REPEATED repeated repeated words!",
)


@dataclass(frozen=True)
class TfidfReadout:
    """A fitted word TF-IDF vectorizer's ``transform`` as a dictionary lookup.

    The tokens come from the vectorizer's own analyzer, so they are the ones
    scikit-learn would count; what is skipped is the validation and the
    conversions around it. Only sublinear, idf-weighted, l2-normalised
    vectorizers are taken, and only if the probe texts come out the same.
    """

    analyzer: Any
    vocabulary: dict[str, int]
    idf: np.ndarray
    width: int

    @classmethod
    def verified(cls, vectorizer: Any, probe: tuple[str, ...] = PROBE_TEXTS) -> TfidfReadout | None:
        """The readout of ``vectorizer``, or None when it is not the kind this reads or differs on the probe."""
        try:
            params = vectorizer.get_params()
            vocabulary = dict(vectorizer.vocabulary_)
            idf = np.asarray(vectorizer.idf_, dtype=np.float64)
        except AttributeError:
            return None
        wanted = {"sublinear_tf": True, "use_idf": True, "norm": "l2", "binary": False}
        if any(params.get(key) != value for key, value in wanted.items()):
            return None
        readout = cls(vectorizer.build_analyzer(), vocabulary, idf, len(vocabulary))
        texts = [*probe, " ".join(sorted(vocabulary)[:200])]
        expected = vectorizer.transform(texts)
        got = readout.transform(texts)
        if got.shape != expected.shape or (got.nnz + expected.nnz and abs(got - expected).max() > TOLERANCE):
            return None
        return readout

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        """One l2-normalised row of ``(1 + log tf) · idf`` per text."""
        indptr = [0]
        indices: list[int] = []
        counts: list[float] = []
        for text in texts:
            found: dict[int, int] = {}
            for term in self.analyzer(text):
                column = self.vocabulary.get(term)
                if column is not None:
                    found[column] = found.get(column, 0) + 1
            for column in sorted(found):
                indices.append(column)
                counts.append(found[column])
            indptr.append(len(indices))
        columns = np.asarray(indices, dtype=np.int64)
        values = (1.0 + np.log(np.asarray(counts, dtype=np.float64))) * self.idf[columns]
        bounds = np.asarray(indptr, dtype=np.int64)
        rows = np.repeat(np.arange(len(texts)), np.diff(bounds))
        norms = np.sqrt(np.bincount(rows, weights=values**2, minlength=len(texts)))
        values /= norms[rows]
        return sparse.csr_matrix((values, columns, bounds), shape=(len(texts), self.width))

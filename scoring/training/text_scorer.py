"""The TF-IDF logistic regression of a claim's words, evaluated without scikit-learn's per-call overhead.

Serving scores a story's claims in one request, and ``TfidfVectorizer.transform``
followed by ``LogisticRegression.predict_proba`` spends milliseconds per call
validating inputs. The arithmetic is small: tokenise with the vectorizer's own
analyzer, weight each known term by ``(1 + log count) * idf`` (sublinear tf),
L2-normalise, then one sparse product with the coefficients and a softmax (a
sigmoid for two classes). The results equal scikit-learn's to rounding.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression


@dataclass(frozen=True)
class TextScorer:
    """Class probabilities of texts from a fitted sublinear-tf, L2-normalised TF-IDF and a logistic regression."""

    analyzer: Callable[[str], list[str]]
    vocabulary: dict[str, int]
    idf: NDArray[np.float64]
    coef: NDArray[np.float64]
    intercept: NDArray[np.float64]

    @classmethod
    def from_fitted(cls, vectorizer: TfidfVectorizer, model: LogisticRegression) -> TextScorer:
        """Wrap a fitted pair (``sublinear_tf=True``, ``norm="l2"``, as the credibility model fits it)."""
        if not (vectorizer.sublinear_tf and vectorizer.norm == "l2" and vectorizer.use_idf):
            raise ValueError("TextScorer reproduces only sublinear-tf, L2-normalised TF-IDF with idf weights")
        return cls(
            analyzer=vectorizer.build_analyzer(),
            vocabulary=dict(vectorizer.vocabulary_),
            idf=np.asarray(vectorizer.idf_, dtype=np.float64),
            coef=np.ascontiguousarray(model.coef_, dtype=np.float64),
            intercept=np.asarray(model.intercept_, dtype=np.float64),
        )

    def words(self, texts: Sequence[str]) -> sp.csr_matrix:
        """The TF-IDF rows of ``texts``."""
        indptr: list[int] = [0]
        indices: list[int] = []
        values: list[float] = []
        for text in texts:
            counts = Counter(i for i in map(self.vocabulary.get, self.analyzer(text)) if i is not None)
            columns = sorted(counts)
            weights = [(1.0 + math.log(counts[c])) * self.idf[c] for c in columns]
            norm = math.sqrt(sum(w * w for w in weights)) or 1.0
            indices.extend(columns)
            values.extend(w / norm for w in weights)
            indptr.append(len(indices))
        shape = (len(texts), len(self.idf))
        return sp.csr_matrix((np.array(values, dtype=np.float64), np.array(indices, dtype=np.int64), indptr), shape)

    def predict_proba(self, texts: Sequence[str]) -> NDArray[np.float64]:
        """Probabilities over the logistic regression's classes, one row per text."""
        return self.proba_of_words(self.words(texts))

    def proba_of_words(self, words: sp.csr_matrix) -> NDArray[np.float64]:
        """:meth:`predict_proba` from TF-IDF rows already computed by :meth:`words`."""
        logits = np.asarray(words @ self.coef.T, dtype=np.float64) + self.intercept
        if self.coef.shape[0] == 1:
            positive = 1.0 / (1.0 + np.exp(-logits[:, 0]))
            return np.column_stack([1.0 - positive, positive])
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True), dtype=np.float64)

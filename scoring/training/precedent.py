"""The verdicts of the most similar labelled claims: a claim checked before is likely to be checked the same way.

Fact-checkers meet the same claim again (repeated by another speaker, or by
the same one months later) and rate it alike. A claim's precedent is the
class distribution of its nearest labelled claims by TF-IDF cosine
similarity, each weighted by ``similarity ** SHARPNESS`` so that only close
wordings count, smoothed towards the prior by ``SMOOTHING`` (a claim with
no close neighbour reads as the prior), plus the closest similarity as the
evidence it rests on. As with the track records, training rows get theirs
out of fold, so a row never finds itself or its own label.

On LIAR valid (words as the credibility model's vectorizer weighs them,
neighbours 10 to 100, sharpness 1 to 4) the 30 nearest at sharpness 4 gave
the best 6-way accuracy; character n-grams did as well but make rows several
times larger.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

NEIGHBOURS = 30
"""How many of the most similar labelled claims are read."""

SHARPNESS = 4.0
"""The power a neighbour's cosine similarity is raised to: near-duplicates count, loose matches hardly do."""

SMOOTHING = 0.1
"""Weight of the prior against the neighbours' (similarity-weighted) votes."""

CELLS = 1 << 22
"""Similarities held at once (32 MB): claims are compared with every labelled claim a block at a time."""


def precedent_features(
    rows: sp.csr_matrix,
    labelled: sp.csr_matrix,
    labels: NDArray[np.int64],
    prior: NDArray[np.float64],
    cells: int = CELLS,
) -> NDArray[np.float64]:
    """Smoothed class distribution of each row's nearest ``labelled`` rows, then the closest similarity.

    ``rows`` and ``labelled`` are L2-normalised TF-IDF rows over one vocabulary;
    ``labels`` are the class codes of ``labelled``. Returns ``len(prior) + 1`` columns.
    At most ``cells`` similarities are held at once.
    """
    n_classes = len(prior)
    out = np.empty((rows.shape[0], n_classes + 1))
    out[:, :-1] = prior
    out[:, -1] = 0.0
    k = min(NEIGHBOURS, labelled.shape[0])
    if k == 0:
        return out
    onehot = np.eye(n_classes)[np.asarray(labels, dtype=np.int64)]
    transposed = sp.csr_matrix(labelled.T)
    block = max(1, cells // labelled.shape[0])
    for start in range(0, rows.shape[0], block):
        similarity = np.asarray((rows[start : start + block] @ transposed).toarray(), dtype=np.float64)
        nearest = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
        weights = np.clip(np.take_along_axis(similarity, nearest, axis=1), 0.0, 1.0) ** SHARPNESS
        votes = np.einsum("rk,rkc->rc", weights, onehot[nearest])
        total = weights.sum(axis=1, keepdims=True)
        stop = start + similarity.shape[0]
        out[start:stop, :-1] = (votes + SMOOTHING * prior) / (total + SMOOTHING)
        out[start:stop, -1] = similarity.max(axis=1, initial=0.0)
    return out


def out_of_fold_precedents(
    rows: sp.csr_matrix, labels: NDArray[np.int64], folds: Sequence[NDArray[np.int64]], prior: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Each training row's precedent found among the rows of the other folds only."""
    out = np.empty((rows.shape[0], len(prior) + 1))
    everything = np.arange(rows.shape[0])
    for held in folds:
        rest = np.setdiff1d(everything, held)
        out[held] = precedent_features(rows[held], rows[rest], labels[rest], prior)
    return out

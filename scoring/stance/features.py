"""Pair features for stance: how much two texts share, and what each does to the shared part.

Every feature has a name a reader can follow ("b_denies_shared": words of
``a`` that ``b`` places next to a denial cue), because the scorer quotes the
strongest ones as reasons. Features are directional: ``a`` is the claim (or
headline), ``b`` the text that takes a stance on it. They are computed for a
whole batch of pairs at once from an :class:`~scoring.stance.encoding.Encoded`.
"""

from __future__ import annotations

from typing import Any, TypeAlias

import numpy as np
from scipy import sparse

from scoring.stance.encoding import TEXT_STATS, Encoded

PAIR_FEATURES = (
    "word_cosine",
    "shared_words",
    "share_of_a",
    "share_of_b",
    "jaccard",
    "share_of_a_in_b_lead",
    "a_negates_shared",
    "b_negates_shared",
    "both_negate_shared",
    "a_denies_shared",
    "b_denies_shared",
    "b_denies_share_of_a",
    "a_hedges_shared",
    "b_hedges_shared",
    "b_hedges_share_of_a",
    "contrast_opposed",
    "contrast_negated",
    "contrast_same",
    "numbers_disagree",
    "numbers_agree",
)

ASYMMETRIES = ("negated_words", "denial_cues", "hedges", "question")
"""Per-text numbers whose difference ``b - a`` is also a feature."""

FEATURE_NAMES: tuple[str, ...] = (
    PAIR_FEATURES
    + tuple(f"a_{name}" for name in TEXT_STATS)
    + tuple(f"b_{name}" for name in TEXT_STATS)
    + tuple(f"more_{name}_in_b" for name in ASYMMETRIES)
)


DENSE_LIMIT = 250_000
"""Cells below which a picked block is made dense: scipy's per-call overhead dominates small stories."""

Block: TypeAlias = Any
"""A picked block of rows: a scipy CSR matrix, or a dense array when small."""


def _dot(x: Block, y: Block) -> np.ndarray:
    """Row-wise dot products of two blocks (sparse or dense) with the same shape."""
    if x.shape[0] == 0:
        return np.zeros(0)
    if isinstance(x, np.ndarray) and isinstance(y, np.ndarray):
        return np.asarray(np.einsum("ij,ij->i", x, y))
    if isinstance(x, np.ndarray):
        x, y = y, x
    return np.asarray(x.multiply(y).sum(axis=1)).ravel()


class _Rows:
    """The rows of an encoded batch picked for one side of many pairs, each matrix indexed once."""

    def __init__(self, encoded: Encoded, rows: np.ndarray) -> None:
        self.encoded, self.rows = encoded, rows
        self._picked: dict[str, Block] = {}

    def __getitem__(self, name: str) -> Block:
        picked = self._picked.get(name)
        if picked is None:
            matrix = _swap_sides(self.encoded.contrast_asserted) if name == "swapped" else getattr(self.encoded, name)
            if matrix.shape[0] * matrix.shape[1] <= DENSE_LIMIT and len(self.rows) * matrix.shape[1] <= DENSE_LIMIT:
                # Index a small dense copy: numpy's row picking costs microseconds, scipy's much more.
                block = matrix.toarray()[self.rows]
            else:
                block = matrix[self.rows]
            picked = self._picked[name] = block
        return picked


def _swap_sides(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Contrast columns with left and right exchanged (column ``2p`` <-> ``2p + 1``)."""
    width = matrix.shape[1]
    permutation = np.arange(width) ^ 1
    return sparse.csr_matrix(matrix[:, permutation])


def _numbers(encoded: Encoded, a: _Rows, b: _Rows) -> tuple[np.ndarray, np.ndarray]:
    """Counts of same-unit quantity pairs whose ranges cannot / can both hold."""
    disagree = np.zeros(len(a.rows))
    agree = np.zeros(len(a.rows))
    same_unit = _dot(a["units"], b["units"])
    for k in np.flatnonzero(same_unit):
        qa = encoded.statements[a.rows[k]].quantities
        qb = encoded.statements[b.rows[k]].quantities
        for x in qa:
            for y in qb:
                if x.unit == y.unit:
                    if x.disjoint(y):
                        disagree[k] += 1
                    else:
                        agree[k] += 1
    return disagree, agree


def pair_features(encoded: Encoded, rows_a: np.ndarray, rows_b: np.ndarray) -> np.ndarray:
    """The feature matrix (one row per pair, columns :data:`FEATURE_NAMES`)."""
    a = _Rows(encoded, np.asarray(rows_a, dtype=np.int64))
    b = _Rows(encoded, np.asarray(rows_b, dtype=np.int64))
    return _features(encoded, a, b)


def pair_features_both_ways(encoded: Encoded, rows_a: np.ndarray, rows_b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Features of every pair read as ``(a, b)`` and as ``(b, a)``, sharing the row look-ups."""
    a = _Rows(encoded, np.asarray(rows_a, dtype=np.int64))
    b = _Rows(encoded, np.asarray(rows_b, dtype=np.int64))
    return _features(encoded, a, b), _features(encoded, b, a)


def _features(encoded: Encoded, a: _Rows, b: _Rows) -> np.ndarray:
    lengths = np.asarray(encoded.content.sum(axis=1)).ravel()
    len_a = np.maximum(1.0, lengths[a.rows])
    len_b = np.maximum(1.0, lengths[b.rows])
    shared = _dot(a["content"], b["content"])
    both_negate = _dot(a["negated"], b["negated"])
    b_denies = _dot(a["content"], b["near_denial"])
    b_hedges = _dot(a["content"], b["near_hedge"])
    disagree, agree = _numbers(encoded, a, b)
    pair = np.column_stack(
        [
            _dot(a["tfidf"], b["tfidf"]),
            shared,
            shared / len_a,
            shared / len_b,
            shared / np.maximum(1.0, len_a + len_b - shared),
            _dot(a["content"], b["lead"]) / len_a,
            _dot(a["negated"], b["content"]) - both_negate,
            _dot(a["content"], b["negated"]) - both_negate,
            both_negate,
            _dot(a["near_denial"], b["content"]),
            b_denies,
            b_denies / len_a,
            _dot(a["near_hedge"], b["content"]),
            b_hedges,
            b_hedges / len_a,
            _dot(a["contrast_asserted"], b["swapped"]),
            _dot(a["contrast_negated"], b["contrast_asserted"]) + _dot(a["contrast_asserted"], b["contrast_negated"]),
            _dot(a["contrast_asserted"], b["contrast_asserted"]),
            disagree,
            agree,
        ]
    )
    stats = encoded.stats
    columns = [TEXT_STATS.index(name) for name in ASYMMETRIES]
    stats_a, stats_b = stats[a.rows], stats[b.rows]
    return np.hstack([pair, stats_a, stats_b, stats_b[:, columns] - stats_a[:, columns]]).astype(np.float64)

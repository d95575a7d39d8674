"""The track record of who makes or backs a claim, learned from earlier labels only.

For each speaker (and each party, venue and subject) the table holds how many of their labelled
claims fell in each class. A claim's record is the smoothed class
distribution over its speakers: ``(counts + alpha * prior) / (n + alpha)``,
plus how much evidence it rests on. Tables are built from training rows only;
a training row's own record comes from the other folds (out of fold), so its
own label never informs its feature.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import NDArray


def speaker_key(name: str) -> str:
    """One key for the ways a name is written ("rick-perry", "Rick Perry")."""
    return " ".join(name.lower().replace("-", " ").replace("_", " ").split())


def venue_keys(venue: str) -> tuple[str, ...]:
    """The key of where a claim was made ("a TV ad.", "A TV Ad" -> "tv ad"), or none when unknown."""
    words = "".join(c if c.isalnum() else " " for c in venue.lower()).split()
    if words[:1] and words[0] in _ARTICLES:
        words = words[1:]
    return (" ".join(words),) if words else ()


_ARTICLES = frozenset({"a", "an", "the"})


def count_table(keys: Sequence[Iterable[str]], y: NDArray[np.int64], n_classes: int) -> dict[str, list[float]]:
    """Per key, the number of rows of each class."""
    table: dict[str, list[float]] = {}
    for row_keys, label in zip(keys, y, strict=True):
        for key in {speaker_key(k) for k in row_keys if k.strip()}:
            table.setdefault(key, [0.0] * n_classes)[int(label)] += 1.0
    return table


def record_features(
    keys: Sequence[Iterable[str]], table: dict[str, list[float]], prior: NDArray[np.float64], alpha: float
) -> NDArray[np.float64]:
    """Smoothed class distribution and ``log(1 + n)`` per row (``n_classes + 1`` columns)."""
    out = np.empty((len(keys), len(prior) + 1))
    for i, row_keys in enumerate(keys):
        counts = np.zeros(len(prior))
        for key in {speaker_key(k) for k in row_keys if k.strip()}:
            if key in table:
                counts += table[key]
        n = float(counts.sum())
        out[i, :-1] = (counts + alpha * prior) / (n + alpha)
        out[i, -1] = math.log1p(n)
    return out


def out_of_fold(
    keys: Sequence[Iterable[str]],
    y: NDArray[np.int64],
    folds: Sequence[NDArray[np.int64]],
    prior: NDArray[np.float64],
    alpha: float,
) -> NDArray[np.float64]:
    """Each training row's record computed without the fold it belongs to."""
    n_classes = len(prior)
    out = np.empty((len(keys), n_classes + 1))
    everything = np.arange(len(keys))
    for held in folds:
        rest = np.setdiff1d(everything, held)
        table = count_table([keys[i] for i in rest], y[rest], n_classes)
        out[held] = record_features([keys[i] for i in held], table, prior, alpha)
    return out

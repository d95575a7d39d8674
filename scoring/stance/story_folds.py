"""Cross-validation folds by story, so the headline-body model is scored on stories it has never seen.

FNC-1's baseline hold-out split is by body, but every hold-out headline also
occurs in training pairs, so it rewards recognising a story; the competition
test has new stories. Here a *story* is a connected component of headlines and
bodies linked by related pairs (agree, disagree, discuss). Whole stories go to
one fold (the biggest first, each to the fold with the fewest pairs so far), a
fold scores every pair whose body is in it, and the model for that fold is
trained only on pairs whose body *and* headline lie outside it. A headline
seen only in unrelated pairs belongs to no story; its fold is a CRC-32 of its
text, so the folds depend on the data alone, never on Python's salted hash.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scoring.stance.data import StancePair

UNRELATED = "unrelated"


@dataclass(frozen=True)
class StoryFolds:
    """The fold of each pair's body and of its headline (arrays aligned with the pairs)."""

    body_fold: np.ndarray
    headline_fold: np.ndarray
    n_folds: int

    def test(self, fold: int) -> np.ndarray:
        """Indices of the pairs fold ``fold`` scores: those whose body is in its stories."""
        return np.flatnonzero(self.body_fold == fold)

    def train(self, fold: int) -> np.ndarray:
        """Indices of the pairs the model for ``fold`` may learn from: body and headline both outside it."""
        return np.flatnonzero((self.body_fold != fold) & (self.headline_fold != fold))


class _Components:
    """Union-find over node keys, with path halving."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        parent = self.parent.setdefault(key, key)
        while parent != key:
            grand = self.parent[parent]
            self.parent[key] = grand
            key, parent = grand, self.parent[grand]
        return key

    def union(self, x: str, y: str) -> None:
        root_x, root_y = self.find(x), self.find(y)
        if root_x != root_y:
            low, high = sorted((root_x, root_y))
            self.parent[high] = low


def story_folds(pairs: Sequence[StancePair], n_folds: int = 5) -> StoryFolds:
    """Folds by story for FNC-1-style pairs (``a`` the headline, ``group`` the body id)."""
    if n_folds < 2:
        raise ValueError(f"need at least 2 folds, got {n_folds}")
    components = _Components()
    for pair in pairs:
        components.find("b" + pair.group)
        if pair.stance != UNRELATED:
            components.union("h" + pair.a, "b" + pair.group)
    body_story = [components.find("b" + p.group) for p in pairs]
    sizes: dict[str, int] = {}
    for story in body_story:
        sizes[story] = sizes.get(story, 0) + 1
    load = [0] * n_folds
    fold_of: dict[str, int] = {}
    for story in sorted(sizes, key=lambda s: (-sizes[s], s)):
        fold = min(range(n_folds), key=lambda k: (load[k], k))
        fold_of[story] = fold
        load[fold] += sizes[story]

    def headline_fold(headline: str) -> int:
        story = components.find("h" + headline)
        if story in fold_of:
            return fold_of[story]
        return zlib.crc32(headline.encode("utf-8")) % n_folds

    return StoryFolds(
        body_fold=np.asarray([fold_of[s] for s in body_story], dtype=np.int64),
        headline_fold=np.asarray([headline_fold(p.a) for p in pairs], dtype=np.int64),
        n_folds=n_folds,
    )

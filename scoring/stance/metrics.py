"""The scores stance systems are compared on: FNC-1's official score, macro-F1, per-class F1.

The same functions score this project's predictions and the reference
submissions, so the comparison is like for like.
"""

from __future__ import annotations

from collections.abc import Sequence

from scoring.stance.data import STANCES

RELATED = frozenset({"agree", "disagree", "discuss"})


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """FNC-1's relative score in percent (the official scorer's formula, score / best possible)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(predicted)} predictions for {len(gold)} pairs")
    score = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        best += 0.25 if g == "unrelated" else 1.0
        if g == p:
            score += 0.25
        if g in RELATED and p in RELATED:
            score += 0.25 + (0.5 if g == p else 0.0)
    return 100.0 * score / best if best else 0.0


def per_class_f1(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str] = STANCES) -> dict[str, float]:
    """F1 of each label (0 when a label is never predicted nor present)."""
    out: dict[str, float] = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        out[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return out


def macro_f1(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str] = STANCES) -> float:
    """Unweighted mean of the per-class F1 over ``labels``."""
    scores = per_class_f1(gold, predicted, labels)
    return sum(scores.values()) / len(scores)


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Share of pairs predicted right."""
    return sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / len(gold) if gold else 0.0

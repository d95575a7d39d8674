"""The ordinal verdict scale and the mapping of other scales onto it.

Labels arrive on many scales (LIAR's six PolitiFact labels, fact-checkers'
free-text ratings, numeric ClaimReview ratings). The model learns on one
three-level scale, and the label as given is kept beside the mapped verdict
so nothing is lost.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from scoring.credibility import CLASSES
from scoring.knowledge import read_table

VERDICTS = CLASSES
"""The scale, worst first: ``unreliable``, ``uncertain``, ``reliable``."""

LIAR_LABELS = ("pants-fire", "false", "barely-true", "half-true", "mostly-true", "true")
"""LIAR's six labels, worst first (the order of its ordinal scale)."""

_TABLE = Path(__file__).with_name("verdicts.tsv")


@lru_cache(maxsize=1)
def _mapping() -> dict[str, str]:
    table = {row["original"]: row["verdict"] for row in read_table(_TABLE)}
    unknown = sorted(set(table.values()) - set(VERDICTS))
    if unknown:
        raise ValueError(f"{_TABLE.name}: unknown verdicts {unknown}; use one of {', '.join(VERDICTS)}")
    return table


def known_labels() -> tuple[str, ...]:
    """Every verdict accepted as given: the scale itself, then the other scales' labels it maps (lower case)."""
    return (*VERDICTS, *sorted(set(_mapping()) - set(VERDICTS)))


def verdict_for(original: str) -> str | None:
    """The three-level verdict for a label given on another scale, or ``None`` if unknown."""
    key = " ".join(original.strip().lower().split())
    if key in VERDICTS:
        return key
    return _mapping().get(key)


def verdict_from_rating(value: float, worst: float, best: float) -> str | None:
    """Map a numeric rating (ClaimReview's ``ratingValue`` between ``worstRating`` and ``bestRating``).

    The range is cut in thirds: the bottom third is ``unreliable``, the top
    third ``reliable``. ``None`` when the range is empty or the value outside it.
    """
    if best == worst or not min(worst, best) <= value <= max(worst, best):
        return None
    position = (value - worst) / (best - worst)
    if position < 1 / 3:
        return "unreliable"
    return "uncertain" if position <= 2 / 3 else "reliable"

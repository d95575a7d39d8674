"""Reading the stance corpora: FNC-1 (headline vs body) and Emergent (claim vs headline).

Only the readers live here; which split is used for what (train, tune,
final report) is decided by the training and benchmark code. Labels are
mapped onto FNC-1's four stances so both corpora share one vocabulary:
Emergent's ``for`` / ``against`` / ``observing`` become ``agree`` /
``disagree`` / ``discuss``.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

STANCES = ("agree", "disagree", "discuss", "unrelated")
"""FNC-1's labels, in the column order of every model's ``predict_proba``."""

EMERGENT_LABELS = {"for": "agree", "against": "disagree", "observing": "discuss"}


@dataclass(frozen=True)
class StancePair:
    """Text ``a`` (claim or headline), text ``b`` (headline or body) and the stance of ``b`` on ``a``."""

    a: str
    b: str
    stance: str
    group: str


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_fnc(stances: Path, bodies: Path, body_ids: frozenset[str] | None = None) -> list[StancePair]:
    """FNC-1 pairs in file order; ``body_ids`` keeps only those bodies (a split)."""
    text = {row["Body ID"]: row["articleBody"] for row in _rows(bodies)}
    return [
        StancePair(row["Headline"], text[row["Body ID"]], row["Stance"], row["Body ID"])
        for row in _rows(stances)
        if body_ids is None or row["Body ID"] in body_ids
    ]


def read_split(path: Path) -> frozenset[str]:
    """Body ids of an FNC-1 split file, one per line."""
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def read_fnc_predictions(path: Path) -> list[str]:
    """The ``Stance`` column of a submission file, in row order."""
    return [row["Stance"] for row in _rows(path)]


def read_emergent(path: Path) -> list[StancePair]:
    """Emergent claim / article-headline pairs, grouped by claim."""
    return [
        StancePair(
            row["claimHeadline"], row["articleHeadline"], EMERGENT_LABELS[row["articleHeadlineStance"]], row["claimId"]
        )
        for row in _rows(path)
    ]


def with_unrelated(pairs: Sequence[StancePair], per_claim: int, seed: int) -> list[StancePair]:
    """Add ``unrelated`` pairs: each claim against headlines written about other claims.

    Emergent has only related pairs, but a story's candidate pairs include
    claims on different topics; these negatives teach the sentence model to
    stay quiet there. Sampling is seeded and runs over sorted groups, so the
    same data always gives the same pairs.
    """
    rng = random.Random(seed)
    claims: dict[str, str] = {}
    headlines: dict[str, list[str]] = {}
    for pair in pairs:
        claims.setdefault(pair.group, pair.a)
        headlines.setdefault(pair.group, []).append(pair.b)
    groups = sorted(claims)
    out = list(pairs)
    for group in groups:
        others = [g for g in groups if g != group]
        for other in rng.sample(others, min(per_claim, len(others))):
            out.append(StancePair(claims[group], rng.choice(headlines[other]), "unrelated", group))
    return out

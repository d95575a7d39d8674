"""Counts of what a claim's words do: hedge, quantify, attribute, ask.

These complement TF-IDF with cues the lexicons already know, so a model
does not have to rediscover them from a few hundred labels.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from scoring.knowledge import Knowledge, alternatives, load_knowledge, read_table
from scoring.tokens import tokenize

WORDING_FEATURES = ("hedges", "numbers", "attribution_verbs", "log_length", "question", "says_prefix")
"""Columns of :func:`wording_matrix`, in order."""

_NUMBER = re.compile(r"\d[\d,.]*%?")
_CUE_VERBS = Path(__file__).resolve().parent.parent / "knowledge" / "attribution" / "cue_verbs.tsv"


@lru_cache(maxsize=1)
def attribution_verbs() -> frozenset[str]:
    """Every inflected form of the attribution cue verbs (said, claims, according…)."""
    return frozenset(form for row in read_table(_CUE_VERBS) for form in alternatives(row["forms"]))


def wording_row(text: str, knowledge: Knowledge) -> list[float]:
    """The wording counts of one claim (see :data:`WORDING_FEATURES`)."""
    tokens = tokenize(text)
    words = [t.norm for t in tokens]
    verbs = attribution_verbs()
    return [
        float(len(knowledge.hedges.find(tokens))),
        float(len(_NUMBER.findall(text))),
        float(sum(1 for w in words if w in verbs)),
        math.log1p(len(words)),
        1.0 if "?" in text else 0.0,
        1.0 if words[:1] == ["says"] else 0.0,
    ]


def wording_matrix(texts: Sequence[str], knowledge: Knowledge | None = None) -> NDArray[np.float64]:
    """:func:`wording_row` for every text, as a matrix."""
    knowledge = knowledge or load_knowledge()
    return np.asarray([wording_row(t, knowledge) for t in texts], dtype=np.float64).reshape(-1, len(WORDING_FEATURES))

"""Labels as model inputs: the spine's signals for the claim plus its context.

Each labelled claim is scored by the real :class:`~scoring.pipeline.Scorer`
as a one-claim story with its sources, so a model learns from exactly the
signals it will see when serving (:meth:`~scoring.pipeline.Scorer.signals`:
the row and context the scorer hands its credibility model).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scoring.claims import story_from_dict
from scoring.credibility import ClaimContext
from scoring.labels import LabelRecord
from scoring.pipeline import Scorer


@dataclass(frozen=True)
class Example:
    """One model input: the signal row (in ``FEATURES`` order), the claim's context, where it was made, its topics.

    ``venue`` (a speech, a TV ad, a tweet) and ``subjects`` ("economy",
    "health-care") come with a label; a claim scored through the API has
    neither, and the model then reads those records as unknown, as it does for
    a venue or subject it never saw.
    """

    signals: tuple[float, ...]
    context: ClaimContext
    venue: str = ""
    subjects: tuple[str, ...] = ()


def examples_from_labels(labels: Sequence[LabelRecord], scorer: Scorer | None = None) -> list[Example]:
    """One :class:`Example` per label, in order.

    The label's ``speaker`` (who made the claim, as a data set records it)
    joins the speakers the scorer found among the sources.
    """
    pipeline = scorer or Scorer()
    out: list[Example] = []
    for label in labels:
        claim: dict[str, Any] = {"text": label.text, "sources": [dict(s) for s in label.sources]}
        ((signals, context),) = pipeline.signals(story_from_dict({"claims": [claim]}))
        speakers = tuple(dict.fromkeys((*context.speakers, *([label.speaker] if label.speaker else []))))
        parties = tuple(dict.fromkeys((*context.parties, *([label.party] if label.party else []))))
        out.append(Example(signals, ClaimContext(label.text, speakers, parties), label.venue, label.subjects))
    return out

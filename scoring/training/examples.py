"""Labels as model inputs: the spine's signals for the claim plus its context.

Each labelled claim is scored by the real :class:`~scoring.pipeline.Scorer`
with its sources, together with the other labelled claims of its story
(``story_id``), so a model learns from exactly the signals it will see when
serving (:meth:`~scoring.pipeline.Scorer.signals`: the row and context the
scorer hands its credibility model). A claim scored alone is never
contradicted: a model trained only on lone claims would never see the
conflict signal and would give it no weight.
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
    """One :class:`Example` per label, in order; labels sharing a ``story_id`` are scored as one story.

    The label's ``speaker`` (who made the claim, as a data set records it)
    joins the speakers the scorer found among the sources.
    """
    pipeline = scorer or Scorer()
    stories: dict[str, list[int]] = {}
    for index, label in enumerate(labels):
        stories.setdefault(label.story_id or f"\x00{index}", []).append(index)
    out: dict[int, Example] = {}
    for members in stories.values():
        claims: list[dict[str, Any]] = [
            {"text": labels[i].text, "sources": [dict(s) for s in labels[i].sources]} for i in members
        ]
        for i, (signals, context) in zip(members, pipeline.signals(story_from_dict({"claims": claims})), strict=True):
            label = labels[i]
            speakers = tuple(dict.fromkeys((*context.speakers, *([label.speaker] if label.speaker else []))))
            parties = tuple(dict.fromkeys((*context.parties, *([label.party] if label.party else []))))
            out[i] = Example(signals, ClaimContext(label.text, speakers, parties), label.venue, label.subjects)
    return [out[i] for i in range(len(labels))]

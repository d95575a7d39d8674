"""Labels as model inputs: the spine's signals for the claim plus its context.

Each labelled claim is scored by the real :class:`~scoring.pipeline.Scorer`
as a one-claim story with its sources, so a model learns from exactly the
signals it will see when serving. The scorer hands the signal row and the
claim's context to its model; a recording model keeps them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from scoring.claims import story_from_dict
from scoring.credibility import FEATURES, ClaimContext, RulePrior
from scoring.labels import LabelRecord
from scoring.pipeline import Scorer


@dataclass(frozen=True)
class Example:
    """One model input: the signal row (in ``FEATURES`` order), the claim's context and where it was made.

    ``venue`` comes with a label (a speech, a TV ad, a tweet); a claim scored
    through the API has none, and the model then reads its venue record as
    unknown, as it does for any venue it never saw.
    """

    signals: tuple[float, ...]
    context: ClaimContext
    venue: str = ""


class _Recorder:
    """A credibility model that answers like the rule prior and remembers what it was shown."""

    def __init__(self) -> None:
        self.prior = RulePrior().fit(np.zeros((1, len(FEATURES))))
        self.seen: list[Example] = []

    def predict_proba_with_context(
        self, matrix: NDArray[np.float64], contexts: Sequence[ClaimContext]
    ) -> NDArray[np.float64]:
        self.seen.extend(Example(tuple(map(float, row)), c) for row, c in zip(matrix, contexts, strict=True))
        return self.prior.predict_proba(matrix)


def examples_from_labels(labels: Sequence[LabelRecord], scorer: Scorer | None = None) -> list[Example]:
    """One :class:`Example` per label, in order.

    The label's ``speaker`` (who made the claim, as a data set records it)
    joins the speakers the scorer found among the sources.
    """
    recorder = _Recorder()
    base = scorer or Scorer()
    pipeline = Scorer(knowledge=base.knowledge, model=recorder, model_version="recorder")
    out: list[Example] = []
    for label in labels:
        recorder.seen.clear()
        claim: dict[str, Any] = {"text": label.text, "sources": [dict(s) for s in label.sources]}
        pipeline.score(story_from_dict({"claims": [claim]}))
        example = recorder.seen[0]
        speakers = tuple(dict.fromkeys((*example.context.speakers, *([label.speaker] if label.speaker else []))))
        parties = tuple(dict.fromkeys((*example.context.parties, *([label.party] if label.party else []))))
        out.append(Example(example.signals, ClaimContext(label.text, speakers, parties), label.venue))
    return out

"""The promotion gate: a candidate serves only if it is at least as good as what serves now.

On the frozen evaluation set, the candidate's macro-F1 may not fall more
than 0.01 below the serving model's, and no class's recall may fall more
than 0.05. A refused candidate is kept, with the reason, but never served.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MACRO_F1_TOLERANCE = 0.01
RECALL_TOLERANCE = 0.05


@dataclass(frozen=True)
class GateDecision:
    """Whether the candidate may serve, and why (one sentence per finding)."""

    promote: bool
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        """The reasons as one line, for the registry."""
        return " ".join(self.reasons)


def decide(candidate: Mapping[str, Any], serving: Mapping[str, Any] | None) -> GateDecision:
    """Compare two metric sets from :func:`~scoring.training.metrics.evaluate` on the same frozen set."""
    if serving is None:
        return GateDecision(True, ("No model serves yet; the candidate is the first.",))
    reasons = []
    drop = float(serving["macro_f1"]) - float(candidate["macro_f1"])
    if drop > MACRO_F1_TOLERANCE:
        reasons.append(
            f"Macro-F1 {candidate['macro_f1']:.4f} is {drop:.4f} below the serving model's "
            f"{serving['macro_f1']:.4f} (tolerance {MACRO_F1_TOLERANCE})."
        )
    for name, before in serving["recall"].items():
        after = float(candidate["recall"].get(name, 0.0))
        if float(before) - after > RECALL_TOLERANCE:
            reasons.append(
                f"Recall of {name!r} falls from {float(before):.4f} to {after:.4f} (tolerance {RECALL_TOLERANCE})."
            )
    if reasons:
        return GateDecision(False, tuple(reasons))
    return GateDecision(
        True,
        (f"Macro-F1 {candidate['macro_f1']:.4f} against {serving['macro_f1']:.4f}; no class's recall fell too far.",),
    )

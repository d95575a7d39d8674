"""The trained sentence model as a :class:`~scoring.conflict.PairScorer`, judging pairs in batch.

Only pairs that share at least ``min_shared`` content words reach the model
(the rules' own notion of one topic), and not two negative claims; a pair is a conflict only when the
model's disagreement probability, taken in both directions, reaches the
threshold chosen by cross-validation for precision. The score is that
probability rescaled so the threshold lands on the detector's 0.5; the reason
names the inputs that pushed hardest towards disagreement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from scoring.conflict import NEUTRAL, Judgement
from scoring.knowledge import Knowledge
from scoring.stance.artifact import SHIPPED_ARTIFACT, load_artifact
from scoring.stance.encoding import encode
from scoring.stance.features import pair_features_both_ways
from scoring.stance.model import DISAGREE, claims_inputs, disagree_contributions, input_names
from scoring.stance.readout import LinearReadout, TfidfReadout
from scoring.statements import Statement

REASON_FEATURES = 3
"""How many of the strongest inputs a reason names."""


def _negative(statement: Statement) -> bool:
    """Whether a claim negates or denies something.

    Two negative claims ("denied the move" / "have not agreed a fee") do not
    clash by polarity: the rules hold the same view, and the model, trained on
    claim-headline pairs where the claim asserts, would read either as
    disputing the other.
    """
    return bool(statement.negated or statement.denials)


@dataclass
class ModelScorer:
    """Conflict judgements from the trained sentence model."""

    knowledge: Knowledge
    bundle: dict[str, Any]
    name: str = "stance-model"
    _names: list[str] = field(init=False, repr=False)
    _readout: LinearReadout | None = field(init=False, repr=False)
    _tfidf: TfidfReadout | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        claims = self.bundle["claims"]
        self._names = input_names(claims["vectorizer"])
        self._readout = LinearReadout.verified(claims["scaler"], claims["classifier"])
        self._tfidf = TfidfReadout.verified(claims["vectorizer"])

    @classmethod
    def from_artifact(cls, knowledge: Knowledge, path: Path = SHIPPED_ARTIFACT) -> ModelScorer:
        """Load and verify the artifact at ``path`` (raises :class:`~scoring.stance.ArtifactError`)."""
        return cls(knowledge, load_artifact(path))

    @property
    def threshold(self) -> float:
        """Disagreement probability at which a pair becomes a conflict."""
        return float(self.bundle["claims"]["threshold"])

    def judge(self, a: Statement, b: Statement, similarity: float) -> Judgement:
        """Judge one pair (prefer :meth:`judge_all` for many)."""
        return self.judge_all([(a, b, similarity)])[0]

    def _inputs(self, pairs: Sequence[tuple[Statement, Statement]]) -> tuple[Any, Any]:
        """The model's scaled inputs for each pair read as ``(a, b)`` and as ``(b, a)``."""
        claims = self.bundle["claims"]
        rows: dict[int, int] = {}
        statements: list[Statement] = []
        for a, b in pairs:
            for s in (a, b):
                if id(s) not in rows:
                    rows[id(s)] = len(statements)
                    statements.append(s)
        encoded = encode(statements, self.knowledge, self._tfidf or claims["vectorizer"])
        rows_a = np.asarray([rows[id(a)] for a, _ in pairs], dtype=np.int64)
        rows_b = np.asarray([rows[id(b)] for _, b in pairs], dtype=np.int64)
        there, back = pair_features_both_ways(encoded, rows_a, rows_b)
        # Both directions in one matrix: one scaling instead of two (scikit-learn's per-call checks cost more
        # than the arithmetic for a story's few pairs, hence the verified readout when there is one).
        both = sp.vstack(
            [claims_inputs(there, encoded.tfidf[rows_b]), claims_inputs(back, encoded.tfidf[rows_a])], format="csr"
        )
        scaled = self._readout.transform(both) if self._readout else claims["scaler"].transform(both).tocsr()
        return scaled[: len(pairs)], scaled[len(pairs) :]

    def _disagreement(self, scaled: Any) -> np.ndarray:
        """``P(disagree)`` of each scaled row."""
        if self._readout is not None:
            return self._readout.predict_proba(scaled)[:, DISAGREE]
        return np.asarray(self.bundle["claims"]["classifier"].predict_proba(scaled))[:, DISAGREE]

    def probabilities(self, pairs: Sequence[tuple[Statement, Statement]]) -> np.ndarray:
        """``P(disagree)`` of each pair in both directions: an array of shape ``(len(pairs), 2)``."""
        if not pairs:
            return np.zeros((0, 2))
        forward, backward = self._inputs(pairs)
        return np.column_stack([self._disagreement(forward), self._disagreement(backward)])

    def judge_all(self, pairs: Sequence[tuple[Statement, Statement, float]]) -> list[Judgement]:
        """Judge many pairs with one model call."""
        min_shared = int(self.bundle["claims"]["min_shared"])
        topical = [
            k
            for k, (a, b, _) in enumerate(pairs)
            if len(a.content & b.content) >= min_shared and not (_negative(a) and _negative(b))
        ]
        judged = [NEUTRAL] * len(pairs)
        if not topical:
            return judged
        chosen = [(pairs[k][0], pairs[k][1]) for k in topical]
        forward, backward = self._inputs(chosen)
        p_both = self._disagreement(sp.vstack([forward, backward], format="csr"))
        p_forward, p_backward = p_both[: len(chosen)], p_both[len(chosen) :]
        threshold = self.threshold
        for row, (k, (a, b)) in enumerate(zip(topical, chosen, strict=True)):
            p = max(p_forward[row], p_backward[row])
            if p < threshold:
                continue
            forward_wins = p_forward[row] >= p_backward[row]
            first, second = (a, b) if forward_wins else (b, a)
            inputs = (forward if forward_wins else backward)[row]
            score = 0.5 + 0.5 * (p - threshold) / max(1e-9, 1.0 - threshold)
            judged[k] = Judgement(
                "conflict",
                round(float(min(1.0, score)), 4),
                (self._reason(first, second, float(p), inputs),),
                ("model",),
            )
        return judged

    def _reason(self, a: Statement, b: Statement, probability: float, inputs: Any) -> str:
        """``b`` disputes ``a``, with the inputs that pushed hardest towards disagreement."""
        classifier = self.bundle["claims"]["classifier"]
        strongest = [
            self._names[j].replace(" in b", f" in {b.claim_id}")
            for j, weight in disagree_contributions(classifier, inputs)[:REASON_FEATURES]
            if weight > 0
        ]
        because = "; ".join(strongest) or "no single input stands out"
        return (
            f"The stance model reads {b.claim_id} as disputing {a.claim_id} "
            f"(p={probability:.2f}; strongest: {because})."
        )

"""Which claims contradict each other, and which restate each other.

The pairwise step is a :class:`PairScorer`: anything with a ``judge`` method
that looks at two statements and their similarity. :class:`RuleScorer` is the
explicit rule set; a trained model implements the same protocol and is
combined with the rules by :class:`ConflictDetector`. Candidate pairs come
from :mod:`scoring.candidates`, so a large story is never compared all
against all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from scoring.candidates import candidate_pairs
from scoring.knowledge import Knowledge
from scoring.memo import remembered
from scoring.quantities import Quantity
from scoring.statements import ContrastHit, Statement
from scoring.tokens import stems_of

Relation = Literal["conflict", "support", "neutral"]

CONFLICT_THRESHOLD = 0.5
"""A pair scoring at least this is reported as a conflict."""

NEGATION_TOPIC = 0.15
"""Share of content two claims must have in common before a negation counts as a clash."""

DENIAL_TOPIC = 0.1
"""Share of content a denial must have in common with the claim it denies."""

PLACE_TOPIC = 0.4
"""Share of content two claims must have in common before different places clash."""

GENERIC_NUMBER_TOPIC = 0.35
"""Percentages and sums differ across topics: compare them only within one topic."""

SAME_MEASURE = 0.6
"""Share of words the clauses around two percentages or sums must have in common to be one measure
("turnout in the referendum"); "turnout in the north" and "turnout in the south" (a third) are two."""


@dataclass(frozen=True)
class Judgement:
    """What one scorer concluded about a pair of claims, and why."""

    relation: Relation
    score: float
    reasons: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()


NEUTRAL = Judgement("neutral", 0.0)


class PairScorer(Protocol):
    """Judges the relation between two claims; rules and trained models alike."""

    name: str

    def judge(self, a: Statement, b: Statement, similarity: float) -> Judgement:
        """Say whether ``a`` and ``b`` conflict, support each other, or neither."""
        ...


@dataclass(frozen=True)
class PairRelation:
    """A judged pair of claims (ids in story order)."""

    a: str
    b: str
    relation: Relation
    score: float
    reasons: tuple[str, ...]


@dataclass
class RuleScorer:
    """The explicit conflict and support rules, each giving a readable reason."""

    knowledge: Knowledge
    support_threshold: float = 0.5
    topic_min_shared: int = 2
    name: str = "rules"

    def judge(self, a: Statement, b: Statement, similarity: float) -> Judgement:
        """Run every rule on the pair and keep the strongest conflict, or support."""
        found: list[tuple[float, str, str]] = []
        for rule in (self._contrast, self._negation, self._denial, self._numbers, self._places):
            result = rule(a, b)
            if result is not None:
                found.append(result)
        if found:
            found.sort(key=lambda item: -item[0])
            return Judgement(
                "conflict",
                round(found[0][0], 4),
                tuple(reason for _, reason, _ in found),
                tuple(rule for _, _, rule in found),
            )
        if similarity >= self.support_threshold:
            shared = _words(a, a.content & b.content)
            return Judgement(
                "support",
                round(similarity, 4),
                (f"{a.claim_id} and {b.claim_id} say the same thing (shared: {shared}).",),
                ("restatement",),
            )
        return NEUTRAL

    def _topic(self, a: Statement, b: Statement, exclude: frozenset[str] = frozenset()) -> float:
        """Share of content the two claims have in common, 0 when too little to be one topic."""
        shared = (a.content & b.content) - exclude
        union = (a.content | b.content) - exclude
        if len(shared) < self.topic_min_shared or not union:
            return 0.0
        return len(shared) / len(union)

    def _contrast(self, a: Statement, b: Statement) -> tuple[float, str, str] | None:
        best: tuple[float, str, str] | None = None
        pairs = {hit.pair for hit in a.contrasts} & {hit.pair for hit in b.contrasts}
        for pair in sorted(pairs):
            spec = self.knowledge.contrast_pairs[pair]
            hits_a = [h for h in a.contrasts if h.pair == pair]
            hits_b = [h for h in b.contrasts if h.pair == pair]
            clash = _clash(a, hits_a, b, hits_b) or _clash(b, hits_b, a, hits_a)
            if clash is None:
                continue
            if spec.scope == "topic":
                exclude = frozenset(t for h in hits_a + hits_b for t in stems_of(h.text))
                topic = self._topic(a, b, exclude)
                if topic == 0.0:
                    continue
                score = 0.55 + 0.4 * min(1.0, topic * 2)
            else:
                score = 0.8
            reason = f"{clash} ({spec.reason})."
            if best is None or score > best[0]:
                best = (score, reason, "contrast")
        return best

    def _negation(self, a: Statement, b: Statement) -> tuple[float, str, str] | None:
        topic = self._topic(a, b)
        if topic < NEGATION_TOPIC:
            return None
        flipped = sorted(
            word
            for word in (a.negated ^ b.negated) & a.content & b.content
            if not a.surface.get(word, "x")[:1].isupper()  # names are not predicates
        )
        if not flipped:
            return None
        negator, other = (a, b) if flipped[0] in a.negated else (b, a)
        word = negator.surface.get(flipped[0], flipped[0])
        return (
            0.55 + 0.35 * min(1.0, topic * 2),
            f'{negator.claim_id} negates "{word}", which {other.claim_id} asserts '
            f"(shared: {_words(a, a.content & b.content)}).",
            "negation",
        )

    def _denial(self, a: Statement, b: Statement) -> tuple[float, str, str] | None:
        if bool(a.denials) == bool(b.denials):
            return None
        denier, other = (a, b) if a.denials else (b, a)
        if other.negated:
            # Both claims are negative ("denied the move" / "have not agreed a fee"): no clash.
            return None
        cue_stems = frozenset(s for cue in denier.denials for s in stems_of(cue))
        topic = self._topic(a, b, cue_stems)
        if topic < DENIAL_TOPIC:
            return None
        shared = _words(a, (a.content & b.content) - cue_stems)
        cues = ", ".join(f'"{cue}"' for cue in dict.fromkeys(denier.denials))
        return (
            0.55 + 0.35 * min(1.0, topic * 3),
            f"{denier.claim_id} denies what {other.claim_id} reports ({cues}; shared: {shared}).",
            "denial",
        )

    def _numbers(self, a: Statement, b: Statement) -> tuple[float, str, str] | None:
        for qa in a.quantities:
            for qb in b.quantities:
                if qa.unit != qb.unit or not qa.disjoint(qb):
                    continue
                if qa.unit in self.knowledge.generic_units:
                    if not _same_measure(qa, qb) and (
                        len(a.content & b.content) < 2 or self._topic(a, b) < GENERIC_NUMBER_TOPIC
                    ):
                        continue
                elif not (a.content & b.content) - {qa.unit}:
                    continue
                return (
                    0.75,
                    f'{a.claim_id} says "{qa.text}" but {b.claim_id} says "{qb.text}" '
                    f"({qa.unit}: the figures cannot both be right).",
                    "numbers",
                )
        return None

    def _places(self, a: Statement, b: Statement) -> tuple[float, str, str] | None:
        if not a.places or not b.places or set(a.places) & set(b.places):
            return None
        place_words = frozenset(t for text in (*a.places.values(), *b.places.values()) for t in stems_of(text))
        topic = self._topic(a, b, place_words)
        if topic < PLACE_TOPIC:
            return None
        where_a, where_b = next(iter(a.places.values())), next(iter(b.places.values()))
        return (
            0.6 + 0.3 * min(1.0, topic * 2),
            f'{a.claim_id} places it in "{where_a}" but {b.claim_id} in "{where_b}" '
            f"(shared: {_words(a, (a.content & b.content) - place_words)}).",
            "places",
        )


def _same_measure(a: Quantity, b: Quantity) -> bool:
    """Whether two figures' own clauses say they measure the same thing.

    A claim's attribution ("…, the electoral commission said") shares no
    words with the other claim's ("…, observers said") and would dilute the
    claims' common topic, so a percentage or a sum is also compared when the
    clauses around the two figures are mostly the same words.
    """
    union = a.about | b.about
    return bool(union) and len(a.about & b.about) / len(union) >= SAME_MEASURE


def _clash(a: Statement, hits_a: Sequence[ContrastHit], b: Statement, hits_b: Sequence[ContrastHit]) -> str | None:
    """A reason when ``a`` holds one side and ``b`` the other, or ``a`` negates what ``b`` asserts."""
    asserted_a = {h.side: h for h in reversed(hits_a) if not h.negated}
    negated_a = {h.side: h for h in reversed(hits_a) if h.negated}
    asserted_b = {h.side: h for h in reversed(hits_b) if not h.negated}
    if len(asserted_a) == 1:
        side, hit = next(iter(asserted_a.items()))
        other = "right" if side == "left" else "left"
        if other in asserted_b:
            return f'{a.claim_id} says "{hit.text}" but {b.claim_id} says "{asserted_b[other].text}"'
    for side, hit in negated_a.items():
        if side not in asserted_a and side in asserted_b:
            return f'{a.claim_id} rules out "{hit.text}" but {b.claim_id} says "{asserted_b[side].text}"'
    return None


def _words(statement: Statement, stems: frozenset[str], limit: int = 5) -> str:
    words = sorted(statement.surface.get(s, s) for s in stems)
    return ", ".join(words[:limit]) or "none"


JUDGEMENT_CACHE_SIZE = 65536
"""Pair judgements remembered per detector (a few hundred bytes each)."""


@dataclass
class ConflictDetector:
    """Finds candidate pairs and combines the judgements of every scorer.

    With several scorers the conflict score of a pair is the strongest one
    (each scorer's reasons are kept), and a pair is a conflict when that score
    reaches ``threshold``.

    Judgements are remembered by the two claims' ids and texts and their
    similarity, which is all a scorer reads: a story scored again (a widget on
    every page view, a draft re-scored after one edit) only judges the pairs
    it has not seen, so the trained model runs on the new claims alone.
    """

    scorers: Sequence[PairScorer]
    threshold: float = CONFLICT_THRESHOLD
    max_df: int = 50
    neighbours: int = 30
    stats: dict[str, int] = field(default_factory=dict)
    _judged: dict[tuple[int, str, str, str, str, float], Judgement] = field(default_factory=dict, repr=False)

    def relations(self, statements: Sequence[Statement], knowledge: Knowledge) -> list[PairRelation]:
        """Judge the candidate pairs of a story, in a deterministic order."""
        candidates = candidate_pairs(statements, knowledge, self.max_df, self.neighbours)
        self.stats = {"claims": len(statements), "pairs_compared": len(candidates)}
        found: list[PairRelation] = []
        ordered = [(statements[i], statements[j], similarity) for (i, j), similarity in sorted(candidates.items())]
        by_scorer = [self._judge_all(index, scorer, ordered) for index, scorer in enumerate(self.scorers)]
        for k, (a, b, _) in enumerate(ordered):
            judgements = [judged[k] for judged in by_scorer]
            conflicts = [g for g in judgements if g.relation == "conflict"]
            supports = [g for g in judgements if g.relation == "support"]
            if conflicts and max(g.score for g in conflicts) >= self.threshold:
                score = max(g.score for g in conflicts)
                reasons = tuple(r for g in conflicts for r in g.reasons)
                found.append(PairRelation(a.claim_id, b.claim_id, "conflict", score, reasons))
            elif supports:
                best = max(supports, key=lambda g: g.score)
                found.append(PairRelation(a.claim_id, b.claim_id, "support", best.score, best.reasons))
        return found

    def _judge_all(
        self, index: int, scorer: PairScorer, pairs: Sequence[tuple[Statement, Statement, float]]
    ) -> list[Judgement]:
        """Every pair's judgement from one scorer, judging only the pairs not remembered."""
        keys = [(index, a.claim_id, a.text, b.claim_id, b.text, similarity) for a, b, similarity in pairs]
        return remembered(
            self._judged, keys, JUDGEMENT_CACHE_SIZE, lambda missing: _judge_all(scorer, [pairs[k] for k in missing])
        )


def _judge_all(scorer: PairScorer, pairs: Sequence[tuple[Statement, Statement, float]]) -> list[Judgement]:
    """Every pair's judgement from one scorer: in one call when it offers ``judge_all`` (a batched model)."""
    batch = getattr(scorer, "judge_all", None)
    if batch is not None:
        return list(batch(pairs))
    return [scorer.judge(a, b, similarity) for a, b, similarity in pairs]

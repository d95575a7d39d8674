"""Scoring a story: sources, then relations between claims, then the signals.

The order is forced by the signals themselves: independence needs to know who
is a side of the dispute, which needs the conflicts; credibility needs all
three. Everything here is deterministic: the same story gives the same report,
and reordering claims or sources only reorders the report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import numpy as np

from scoring import anonymity, credibility, independence
from scoring.anonymity import Kind
from scoring.claims import Claim, Source, Story
from scoring.conflict import ConflictDetector, PairRelation, PairScorer, RuleScorer
from scoring.credibility import FEATURES, ClaimContext, RulePrior
from scoring.knowledge import Knowledge, load_knowledge
from scoring.memo import remembered
from scoring.mentions import Mention, read_mention
from scoring.parties import UNIDENTIFIED, Party, Sighting, consolidate, governmental, resolve
from scoring.stance import ModelScorer, shipped_artifact_ok
from scoring.stance.artifact import SHIPPED_ARTIFACT, expected_hash
from scoring.statements import Statement, read_statement
from scoring.tokens import tokenize
from scoring.version import RULES_VERSION


@dataclass(frozen=True)
class ResolvedSource:
    """A source with its anonymity kind and party."""

    source: Source
    mention: Mention
    kind: Kind
    kind_reason: str
    party: Party

    def to_dict(self) -> dict[str, Any]:
        """The output contract's ``sources`` entry."""
        data: dict[str, Any] = {
            "id": self.source.id,
            "mention": self.mention.text or self.source.label,
            "anonymous": self.kind.anonymous,
            "kind": self.kind.value,
            "kind_reason": self.kind_reason,
            "affiliation": {"party": self.party.name, "party_id": self.party.id, "type": self.party.type},
        }
        if self.mention.person:
            data["name"] = self.mention.person
        if self.mention.organisation:
            data["organisation"] = self.mention.organisation
        roles = [text for _, text in self.mention.roles]
        if roles:
            data["role"] = roles[0]
        if self.mention.relays:
            data["relayed_by"] = list(self.mention.relays)
        if self.source.span is not None:
            data["span"] = {"start": self.source.span.start, "end": self.source.span.end}
        return data


SOURCE_CACHE_SIZE = 8192
"""Distinct source wordings remembered per scorer."""

STATEMENT_CACHE_SIZE = 16384
"""Distinct claims (id and text) whose reading is remembered per scorer."""

STORY_CACHE_SIZE = 4096
"""Distinct sets of a story's sources (with the names its claims hold) whose resolution is remembered."""

CREDIBILITY_CACHE_SIZE = 16384
"""Distinct (signals, context) pairs whose credibility is remembered per scorer."""


@dataclass
class Scorer:
    """The configured pipeline: knowledge, pairwise scorers and credibility model.

    Build one per process and reuse it; it holds no per-story state.
    """

    knowledge: Knowledge = field(default_factory=load_knowledge)
    extra_scorers: Sequence[PairScorer] = ()
    model: Any = None
    model_version: str = "rule-prior-1"
    use_trained_conflict: bool = True

    def __post_init__(self) -> None:
        if self.model is None:
            self.model = RulePrior().fit(np.zeros((1, len(FEATURES))))
        scorers: list[PairScorer] = [RuleScorer(self.knowledge), *self.extra_scorers]
        self.conflict_model_version = "none"
        if self.use_trained_conflict and shipped_artifact_ok():
            scorers.append(ModelScorer.from_artifact(self.knowledge))  # refuses an altered artifact
            self.conflict_model_version = f"stance-{expected_hash(SHIPPED_ARTIFACT)[:12]}"
        self.detector = ConflictDetector(scorers)
        self._sources: dict[Source, tuple[Mention, Kind, str, Party]] = {}
        self._statements: dict[tuple[str, str], Statement] = {}
        self._stories: dict[tuple[tuple[Source, ...], tuple[str, ...]], dict[str, ResolvedSource]] = {}
        self._credibility: dict[tuple[tuple[float, ...], ClaimContext], tuple[float, str, tuple[str, ...]]] = {}

    @property
    def version(self) -> dict[str, str]:
        """The versions of everything that produced a score."""
        return {
            "rules": RULES_VERSION,
            "model": self.model_version,
            "conflict_model": self.conflict_model_version,
            "knowledge": self.knowledge.digest[:12],
        }

    def score(self, story: Story) -> dict[str, Any]:
        """Score every claim of ``story`` and return the output contract as a dict."""
        report, rows, contexts = self._report(story)
        self._add_credibility(report["claims"], rows, contexts)
        return report

    def signals(self, story: Story) -> list[tuple[tuple[float, ...], ClaimContext]]:
        """Each claim's credibility features and context, as a credibility model reads them (for training)."""
        _, rows, contexts = self._report(story)
        return [(tuple(row), context) for row, context in zip(rows, contexts, strict=True)]

    def _report(self, story: Story) -> tuple[dict[str, Any], list[list[float]], list[ClaimContext]]:
        """The output contract without credibility, and each claim's credibility features and context."""
        statements = [self._read_statement(claim) for claim in story.claims]
        resolved = self._resolve_all(story, [name for s in statements for name in s.organisations])
        relations = self.detector.relations(statements, self.knowledge)
        conflicts = [r for r in relations if r.relation == "conflict"]
        supports = [r for r in relations if r.relation == "support"]
        own = {claim.id: _group_backers(resolved[s.id] for s in claim.sources) for claim in story.claims}
        sides = _sides(conflicts, own)
        opposed = _opposed(conflicts, own)
        supported_by: dict[str, list[str]] = defaultdict(list)
        for rel in supports:
            supported_by[rel.a].append(rel.b)
            supported_by[rel.b].append(rel.a)
        conflict_with: dict[str, list[PairRelation]] = defaultdict(list)
        for rel in conflicts:
            conflict_with[rel.a].append(rel)
            conflict_with[rel.b].append(rel)
        story_parties = {r.party.id: r.party for r in resolved.values() if r.party.id != UNIDENTIFIED}
        claims_out = []
        rows = []
        contexts = []
        for claim, statement in zip(story.claims, statements, strict=True):
            backers = _with_supporters(own[claim.id], [(c, own[c]) for c in sorted(supported_by[claim.id])])
            stakes = _stakes(backers, statement, sides, self.knowledge)
            bystanders = _bystanders(
                claim.id, backers, statement, story_parties, conflict_with[claim.id], own, self.knowledge
            )
            ind = independence.score_claim(backers, stakes, opposed, bystanders)
            anon = anonymity.score_claim(
                [(resolved[s.id].mention.text or s.label, resolved[s.id].kind) for s in claim.sources]
            )
            con_rel = conflict_with[claim.id]
            con_score = max((r.score for r in con_rel), default=0.0)
            features = [
                ind.score,
                anon.score,
                con_score,
                1.0 if claim.sources else 0.0,
                1.0 if ind.opposed_agreement else 0.0,
                1.0 if _interested_only(ind) else 0.0,
                1.0 if statement.hedges else 0.0,
            ]
            rows.append(features)
            contexts.append(_context(claim.text, [resolved[s.id] for s in claim.sources]))
            claims_out.append(
                {
                    "id": claim.id,
                    "text": claim.text,
                    "source_ids": [s.id for s in claim.sources],
                    "independence": {
                        "score": ind.score,
                        "parties": list(ind.parties),
                        "interested_parties": list(ind.interested_parties),
                        "reasons": list(ind.reasons),
                    },
                    "anonymity": {"score": anon.score, "reasons": list(anon.reasons)},
                    "conflict": {
                        "score": con_score,
                        "with": [r.b if r.a == claim.id else r.a for r in con_rel],
                        "reasons": [reason for r in con_rel for reason in r.reasons],
                    },
                    "supported_by": sorted(supported_by[claim.id]),
                }
            )
            if claim.span is not None:
                claims_out[-1]["span"] = {"start": claim.span.start, "end": claim.span.end}
        report = {
            "claims": claims_out,
            "sources": [r.to_dict() for r in resolved.values()],
            "conflicts": [{"claims": [r.a, r.b], "score": r.score, "reasons": list(r.reasons)} for r in conflicts],
            "version": self.version,
        }
        return report, rows, contexts

    def _resolve_all(self, story: Story, claim_names: Sequence[str]) -> dict[str, ResolvedSource]:
        """Resolve each source, then let the story as a whole merge what it shows to be one party.

        ``claim_names`` are the capitalised names the claims' own words hold (a longer name a source's short one
        may stand for). Remembered by both: a story scored again resolves the same way.
        """
        key = (story.sources, tuple(claim_names))
        resolved = self._stories.get(key)
        if resolved is None:
            resolved = self._resolve_story(story.sources, claim_names)
            if len(self._stories) >= STORY_CACHE_SIZE:
                self._stories.clear()
            self._stories[key] = resolved
        return resolved

    def _resolve_story(self, sources: Sequence[Source], claim_names: Sequence[str]) -> dict[str, ResolvedSource]:
        first = {s.id: self._resolve(s) for s in sources}
        sightings = {
            sid: Sighting(
                r.party,
                r.mention.organisation,
                _governmental(r.mention, self.knowledge),
                r.party.id in self.knowledge.parties,
            )
            for sid, r in first.items()
        }
        names = [r.mention.organisation for r in first.values()]
        names.extend(claim_names)
        merged = consolidate(sightings, names, self.knowledge)
        out: dict[str, ResolvedSource] = {}
        for sid, r in first.items():
            party = merged[sid]
            kind = r.kind
            if party.id != r.party.id and party.id != UNIDENTIFIED:
                kind = anonymity.upgrade_for_affiliation(kind, r.mention)
            out[sid] = replace(r, party=party, kind=kind)
        return out

    def _resolve(self, source: Source) -> ResolvedSource:
        mention, kind, reason, party = self._read_source(replace(source, id="", span=None))
        return ResolvedSource(source, mention, kind, reason, party)

    def _read_source(self, source: Source) -> tuple[Mention, Kind, str, Party]:
        """Everything one source's own words say, cached by those words.

        The same mentions ("Reuters", "a Kremlin spokesman") recur across a
        newsroom's stories, and reading one is the costliest per-source step.
        """
        cached = self._sources.get(source)
        if cached is None:
            mention = read_mention(source, self.knowledge)
            decided = anonymity.classify(mention, source.type)
            party = resolve(mention, source.type, source.party, self.knowledge)
            cached = (mention, decided.kind, decided.reason, party)
            if len(self._sources) >= SOURCE_CACHE_SIZE:
                self._sources.clear()
            self._sources[source] = cached
        return cached

    def _read_statement(self, claim: Claim) -> Statement:
        """A claim's reading, remembered by its id and text: a reading depends on nothing else.

        Stories come back: a widget scores the same story on every page view,
        an editor re-scores a draft after changing one sentence.
        """
        key = (claim.id, claim.text)
        statement = self._statements.get(key)
        if statement is None:
            statement = read_statement(claim, self.knowledge)
            if len(self._statements) >= STATEMENT_CACHE_SIZE:
                self._statements.clear()
            self._statements[key] = statement
        return statement

    def _add_credibility(
        self, claims_out: list[dict[str, Any]], rows: list[list[float]], contexts: list[ClaimContext]
    ) -> None:
        """Each claim's credibility, remembered by its signals and context.

        A score depends on nothing else (the model is fixed for the scorer's
        life), and a learned model's reading of the claim's words is the costly
        part of a claim seen before; new ones are scored together in one batch.
        """
        keys = [(tuple(row), context) for row, context in zip(rows, contexts, strict=True)]
        answers = remembered(
            self._credibility,
            keys,
            CREDIBILITY_CACHE_SIZE,
            lambda missing: self._credibility_of([rows[i] for i in missing], [contexts[i] for i in missing]),
        )
        for claim, (value, label, reasons) in zip(claims_out, answers, strict=True):
            claim["credibility"] = {"score": value, "label": label, "reasons": list(reasons)}

    def _credibility_of(
        self, rows: list[list[float]], contexts: list[ClaimContext]
    ) -> list[tuple[float, str, tuple[str, ...]]]:
        matrix = np.asarray(rows, dtype=np.float64)
        # A learned model may also read the claim's words and who backs it (scoring/training).
        with_context = getattr(self.model, "predict_proba_with_context", None)
        proba = with_context(matrix, contexts) if with_context else self.model.predict_proba(matrix)
        scores = credibility.expected_score(self.model, proba)
        explain = getattr(self.model, "explain", None)
        explain_with_context = getattr(self.model, "explain_with_context", None)
        out = []
        for row, context, score in zip(rows, contexts, scores, strict=True):
            value = round(float(score), 4)
            label = credibility.label_for(value, row[2], bool(row[3]))
            if explain_with_context:
                parts = explain_with_context(row, context)
            else:
                parts = explain(row) if explain else []
            out.append((value, label, credibility.describe(label, value, parts)))
        return out


def _context(text: str, sources: Sequence[ResolvedSource]) -> ClaimContext:
    """What a learned model may read beside the signals: the words and who backs the claim."""
    speakers = [r.mention.person or r.mention.organisation or r.source.name or r.party.name for r in sources]
    parties = [r.party.name for r in sources if r.party.id != UNIDENTIFIED]
    return ClaimContext(text, tuple(s for s in speakers if s), tuple(parties))


def _governmental(mention: Mention, knowledge: Knowledge) -> bool:
    """A state institution or state official whose state the mention does not name."""
    if mention.organisation:
        return governmental(mention.organisation, knowledge)
    head = mention.head or (mention.role_categories[0] if mention.roles else "")
    return not mention.entities and (bool(mention.government_words) or head == "official")


def _interested_only(ind: independence.IndependenceScore) -> bool:
    """Support only from parties with a stake, and no agreement across sides to redeem it."""
    return bool(ind.parties) and len(ind.interested_parties) == len(ind.parties) and not ind.opposed_agreement


def _group_backers(sources: Any) -> list[independence.Backer]:
    """One backer per party, listing the sources that speak for it."""
    grouped: dict[str, tuple[Party, list[str], list[str]]] = {}
    for item in sources:
        label = item.mention.text or item.source.label
        party, labels, relays = grouped.setdefault(item.party.id, (item.party, [], []))
        if label not in labels:
            labels.append(label)
        relays.extend(r for r in item.mention.relays if r not in relays)
    return [independence.Backer(party, tuple(labels), (), tuple(relays)) for party, labels, relays in grouped.values()]


def _with_supporters(
    backers: list[independence.Backer], supporters: Sequence[tuple[str, list[independence.Backer]]]
) -> list[independence.Backer]:
    """Add the parties of claims that restate this one."""
    merged = {b.party.id: b for b in backers}
    for claim_id, their in supporters:
        for backer in their:
            if backer.party.id in merged:
                continue
            merged[backer.party.id] = independence.Backer(backer.party, (), (claim_id,), backer.relays)
    return sorted(merged.values(), key=lambda b: (b.party.name.lower(), b.party.id))


def _sides(conflicts: Sequence[PairRelation], own: dict[str, list[independence.Backer]]) -> dict[str, str]:
    """Parties on one side of a dispute, with the dispute they are on."""
    sides: dict[str, str] = {}
    for rel in conflicts:
        for claim_id in (rel.a, rel.b):
            for backer in own[claim_id]:
                if backer.party.id != UNIDENTIFIED:
                    sides.setdefault(backer.party.id, f"it takes a side in the dispute between {rel.a} and {rel.b}")
    return sides


def _opposed(conflicts: Sequence[PairRelation], own: dict[str, list[independence.Backer]]) -> frozenset[frozenset[str]]:
    """Pairs of parties backing opposite claims of a conflict (and not both)."""
    pairs: set[frozenset[str]] = set()
    for rel in conflicts:
        side_a = {b.party.id for b in own[rel.a]} - {UNIDENTIFIED}
        side_b = {b.party.id for b in own[rel.b]} - {UNIDENTIFIED}
        for p in side_a - side_b:
            for q in side_b - side_a:
                pairs.add(frozenset((p, q)))
    return frozenset(pairs)


def _stakes(
    backers: Sequence[independence.Backer],
    statement: Statement,
    sides: dict[str, str],
    knowledge: Knowledge,
) -> dict[str, str]:
    """Why each backing party is interested in this claim, if it is."""
    stakes: dict[str, str] = {}
    for backer in backers:
        party = backer.party
        if party.id == UNIDENTIFIED:
            continue
        if party.id in statement.named_parties or _names_in(party, statement, knowledge):
            stakes[party.id] = "the claim is about it"
        elif party.id in sides:
            stakes[party.id] = sides[party.id]
    return stakes


def _bystanders(
    claim_id: str,
    backers: Sequence[independence.Backer],
    statement: Statement,
    story_parties: dict[str, Party],
    disputes: Sequence[PairRelation],
    own: dict[str, list[independence.Backer]],
    knowledge: Knowledge,
) -> list[tuple[str, str]]:
    """Parties of the story with a stake in a claim they do not back."""
    backing = {b.party.id for b in backers}
    found: dict[str, tuple[str, str]] = {}
    for party in sorted(story_parties.values(), key=lambda p: (p.name.lower(), p.id)):
        if party.id not in backing and (party.id in statement.named_parties or _names_in(party, statement, knowledge)):
            found[party.id] = (party.name, "the claim is about it")
    for rel in disputes:
        other = rel.b if rel.a == claim_id else rel.a
        for backer in own[other]:
            if backer.party.id not in backing and backer.party.id != UNIDENTIFIED:
                found.setdefault(
                    backer.party.id, (backer.party.name, f"it backs {other}, which contradicts this claim")
                )
    return list(found.values())


def _names_in(party: Party, statement: Statement, knowledge: Knowledge) -> bool:
    """Whether a person's surname or an organisation's distinctive word occurs in the claim."""
    word = _distinctive_word(party.name, party.type in ("person", "expert"), knowledge)
    return bool(word) and word in statement.words


@lru_cache(maxsize=4096)
def _distinctive_word(name: str, person: bool, knowledge: Knowledge) -> str:
    """A person's surname, or the first word of a body's name that is not a generic noun."""
    words = [t.norm for t in tokenize(name) if t.norm not in knowledge.name_connectors]
    if not person:
        words = [w for w in words if w not in knowledge.organisation_nouns][:1]
    return words[-1] if words and len(words[-1]) > 2 else ""


def score_story(story: Story, scorer: Scorer | None = None) -> dict[str, Any]:
    """Score a story with the default pipeline (or ``scorer``)."""
    return (scorer or default_scorer()).score(story)


_DEFAULT: list[Scorer] = []


def default_scorer() -> Scorer:
    """The process-wide default pipeline, built on first use."""
    if not _DEFAULT:
        _DEFAULT.append(Scorer())
    return _DEFAULT[0]

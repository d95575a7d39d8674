"""What a claim's words assert, read once and compared many times.

Comparing claims pairwise is the hot path of a large story, so everything a
pairwise rule needs (content words, negated words, contrast phrases, denial
cues, quantities, parties named) is extracted here once per claim.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.claims import Claim
from scoring.knowledge import Knowledge
from scoring.mentions import capitalised_names
from scoring.phrases import Match
from scoring.quantities import Quantity, find_quantities
from scoring.tokens import Token, clean_text, tokenize

NEGATION_SCOPE = 4
"""How many words after "not" are negated, unless punctuation closes the clause first."""

PLACE_PREPOSITIONS = frozenset({"in", "inside", "within", "into"})
"""A country right after one of these is where something is, which two claims may dispute."""

_CLAUSE_BREAKS = frozenset(',.;:!?—–()"“”')


@dataclass(frozen=True, slots=True)
class ContrastHit:
    """A phrase of a contrast pair found in a claim."""

    pair: int
    side: str
    text: str
    negated: bool


@dataclass(frozen=True)
class Statement:
    """The parts of one claim that the conflict and independence rules compare."""

    claim_id: str
    text: str
    tokens: tuple[Token, ...]
    content: frozenset[str]
    negated: frozenset[str]
    surface: dict[str, str]
    contrasts: tuple[ContrastHit, ...]
    denials: tuple[str, ...]
    hedges: tuple[str, ...]
    quantities: tuple[Quantity, ...]
    named_parties: frozenset[str]
    places: dict[str, str]
    words: frozenset[str]
    organisations: tuple[str, ...]
    """Capitalised names of bodies the knowledge files do not know ("Halvorsen Logistics"), for story-level merging."""


def read_statement(claim: Claim, knowledge: Knowledge) -> Statement:
    """Extract everything the pairwise rules need from one claim."""
    text = clean_text(claim.text)
    tokens = tokenize(text)
    negation_matches = knowledge.negations.find(tokens)
    cue_positions = {i for m in negation_matches for i in range(m.start, m.end)}
    negated_positions = _negated_positions(tokens, text, negation_matches, knowledge)
    content: set[str] = set()
    negated: set[str] = set()
    surface: dict[str, str] = {}
    for position, token in enumerate(tokens):
        if token.norm in knowledge.stopwords or len(token.norm) < 2:
            continue
        if position in cue_positions:
            continue
        content.add(token.stem)
        surface.setdefault(token.stem, token.text)
        if position in negated_positions:
            negated.add(token.stem)
    contrasts = tuple(
        ContrastHit(pair, side, match.text, match.start in negated_positions)
        for match in knowledge.contrasts.find(tokens, text)
        for pair, side in match.value
    )
    entity_matches = knowledge.entities.find(tokens)
    covered = {i for m in entity_matches for i in range(m.start, m.end)}
    named = frozenset(match.value.party_id for match in entity_matches)
    places = {
        m.value.party_id: m.text
        for m in entity_matches
        if m.value.kind == "country" and m.start > 0 and tokens[m.start - 1].norm in PLACE_PREPOSITIONS
    }
    return Statement(
        claim_id=claim.id,
        text=text,
        tokens=tuple(tokens),
        content=frozenset(content),
        negated=frozenset(negated),
        surface=surface,
        contrasts=contrasts,
        denials=tuple(m.text for m in knowledge.denial_cues.find(tokens, text)),
        hedges=tuple(m.text for m in knowledge.hedges.find(tokens, text)),
        quantities=tuple(find_quantities(tokens, text, knowledge)),
        named_parties=named,
        places=places,
        words=frozenset(t.norm for t in tokens),
        organisations=tuple(capitalised_names(tokens, covered, set(), knowledge)[1]),
    )


def _negated_positions(tokens: list[Token], text: str, negations: list[Match[str]], knowledge: Knowledge) -> set[int]:
    """Token positions inside the scope of a negation cue."""
    exceptions = {m.start for m in knowledge.negation_exceptions.find(tokens)}
    positions: set[int] = set()
    for match in negations:
        if match.start in exceptions:
            continue
        for position in range(match.end, min(len(tokens), match.end + NEGATION_SCOPE)):
            gap = text[tokens[position - 1].end : tokens[position].start]
            if any(c in _CLAUSE_BREAKS for c in gap) or tokens[position].norm in knowledge.clause_words:
                break
            positions.add(position)
    return positions

"""How many independent parties back a claim, and how much each is worth.

Each party backing a claim (directly, or through a claim that restates it)
counts once, however many of its people or outlets speak. A party with a
stake — the claim's own subject, or a side of the story's dispute — counts
half, and so do unidentified sources, whose independence cannot be shown.
When parties on opposite sides of the dispute agree, the claim is
corroborated against interest, which is the strongest support there is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scoring.parties import UNIDENTIFIED, Party

STAKE_WEIGHT = 0.5
"""What an interested party's support is worth relative to a disinterested one."""

UNIDENTIFIED_WEIGHT = 0.5
"""What unidentified sources are worth: they may all be one party."""

HALF_SATURATION = 1.5
"""Weighted party count at which the base score reaches 0.5."""

OPPOSED_BONUS = 0.5
"""Share of the remaining distance to 1 gained when opposed parties agree."""


@dataclass(frozen=True)
class Backer:
    """A party supporting a claim and the source labels through which it speaks."""

    party: Party
    sources: tuple[str, ...]
    via_claims: tuple[str, ...] = ()
    relays: tuple[str, ...] = ()


@dataclass(frozen=True)
class IndependenceScore:
    """The independence signal of one claim."""

    score: float
    parties: tuple[str, ...]
    interested_parties: tuple[str, ...]
    opposed_agreement: bool
    reasons: tuple[str, ...]


def score_claim(
    backers: Sequence[Backer],
    stakes: Mapping[str, str],
    opposed: frozenset[frozenset[str]],
    bystanders: Sequence[tuple[str, str]] = (),
) -> IndependenceScore:
    """Score a claim's backing.

    ``stakes`` maps party ids to why they are interested in this claim;
    ``opposed`` holds pairs of party ids on opposite sides of the story's
    dispute; ``bystanders`` are ``(name, why)`` for parties with a stake in the
    claim that do not back it (its subject, the other side of its dispute):
    they are listed as interested but do not change the score. The base score
    is ``E / (E + HALF_SATURATION)`` for the weighted party count ``E``;
    agreement across opposed sides closes half the gap to 1. Adding a party
    never lowers ``E`` and never undoes an agreement, so more independent
    support never lowers the score.
    """
    others = tuple(dict.fromkeys(name for name, _ in bystanders))
    watching = tuple(f"{name} has a stake without backing it: {why}." for name, why in bystanders)
    if not backers:
        return IndependenceScore(0.0, (), others, False, ("No source backs this claim.", *watching))
    reasons: list[str] = []
    effective = 0.0
    for backer in backers:
        weight = 1.0
        if backer.party.id in stakes:
            weight *= STAKE_WEIGHT
        if backer.party.id == UNIDENTIFIED:
            weight *= UNIDENTIFIED_WEIGHT
        effective += weight
    ids = [b.party.id for b in backers]
    names = {b.party.id: b.party.name for b in backers}
    agreeing = sorted((sorted(names[p] for p in pair) for pair in opposed if pair <= set(ids)), key=lambda p: p)
    score = effective / (effective + HALF_SATURATION)
    if agreeing:
        score += (1.0 - score) * OPPOSED_BONUS
    independent = [b for b in backers if b.party.id != UNIDENTIFIED]
    listing = "; ".join(_describe(b) for b in backers)
    count = len(independent) + (1 if len(independent) < len(backers) else 0)
    reasons.append(f"Backed by {count} {'party' if count == 1 else 'independent parties'}: {listing}.")
    for backer in backers:
        if backer.relays:
            reasons.append(
                f"{', '.join(backer.relays)} only relay {backer.party.name}: counted once, not as corroboration."
            )
        if len(backer.sources) > 1:
            reasons.append(f"{len(backer.sources)} sources all speak for {backer.party.name}: counted as one party.")
    interested = [b.party.name for b in backers if b.party.id in stakes]
    for backer in backers:
        if backer.party.id in stakes:
            reasons.append(f"{backer.party.name} has a stake: {stakes[backer.party.id]}.")
    if agreeing:
        pair = agreeing[0]
        reasons.append(
            f"{pair[0]} and {pair[1]} are on opposite sides of the story yet agree here: strong corroboration."
        )
    elif interested and len(interested) == len(backers):
        reasons.append("Only interested parties back this claim: weak support.")
    if any(b.party.id == UNIDENTIFIED for b in backers):
        reasons.append("Unidentified sources cannot be shown to be independent: counted at half weight.")
    reasons.extend(watching)
    return IndependenceScore(
        round(min(1.0, score), 4),
        tuple(b.party.name for b in backers),
        tuple(dict.fromkeys((*interested, *others))),
        bool(agreeing),
        tuple(reasons),
    )


def _describe(backer: Backer) -> str:
    via = ", ".join(f'"{s}"' for s in backer.sources)
    if backer.via_claims:
        via += f"{', ' if via else ''}through {', '.join(backer.via_claims)}"
    return f"{backer.party.name} ({via})"

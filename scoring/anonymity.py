"""Who is on the record: the anonymity kind of a source and of a claim's support.

A reader can check a named person or an institution's statement; an unnamed
official can only be trusted through the outlet; "people familiar with the
matter" cannot be checked at all. The kinds below follow that ladder, and a
claim's anonymity score says how much of its support stands on the lower rungs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from scoring.mentions import Mention


class Kind(StrEnum):
    """How a source is identified, from most to least checkable."""

    NAMED_PERSON = "named_person"
    NAMED_ORGANISATION = "named_organisation"
    DOCUMENT = "document"
    UNNAMED_SPOKESPERSON = "unnamed_spokesperson"
    UNNAMED_OFFICIAL = "unnamed_official"
    UNNAMED_SOURCE = "unnamed_source"

    @property
    def anonymous(self) -> bool:
        """Unnamed officials and vague sources are anonymous; a spokesperson speaks for a named body."""
        return self in (Kind.UNNAMED_OFFICIAL, Kind.UNNAMED_SOURCE)


MASS = {
    Kind.NAMED_PERSON: 0.0,
    Kind.NAMED_ORGANISATION: 0.0,
    Kind.DOCUMENT: 0.0,
    Kind.UNNAMED_SPOKESPERSON: 0.25,
    Kind.UNNAMED_OFFICIAL: 1.0,
    Kind.UNNAMED_SOURCE: 1.0,
}
"""How much of a source's weight is unchecked.

A spokesperson counts a quarter: the body is on the record, the person is not.
"""

SEVERITY = {
    Kind.UNNAMED_SPOKESPERSON: 0.2,
    Kind.UNNAMED_OFFICIAL: 0.8,
    Kind.UNNAMED_SOURCE: 1.0,
}
"""How little a reader can check an unnamed source: an identified affiliation helps."""

_OFFICIAL_ROLES = frozenset({"official", "staff", "leader"})
_VAGUE_ROLES = frozenset({"source", "witness", "expert"})


@dataclass(frozen=True)
class Classification:
    """The kind of one source and the words that decided it."""

    kind: Kind
    reason: str


def classify(mention: Mention, declared_type: str = "") -> Classification:
    """Decide how a source is identified.

    The order matters: anonymity cues override everything ("a senior official
    who spoke on condition of anonymity" is anonymous even with a title), then
    a person's name, then documents, spokespeople and officials, then named
    bodies; whatever is left is a vague source. The head noun decides between
    roles: "the official transcript of the meeting" is a document.
    """
    categories = set(mention.role_categories)
    head = mention.head or (mention.role_categories[0] if mention.roles else "")
    if mention.anonymity_cues:
        cue = mention.anonymity_cues[0]
        kind = Kind.UNNAMED_OFFICIAL if mention.affiliated else Kind.UNNAMED_SOURCE
        return Classification(kind, f'"{cue}" marks the source as anonymous')
    if mention.person:
        return Classification(Kind.NAMED_PERSON, f"named: {mention.person}")
    if declared_type == "document" or head == "document" or (head == "report" and mention.affiliated):
        return Classification(Kind.DOCUMENT, "a document, not a person")
    if head == "spokesperson" or (not head and "spokesperson" in categories):
        if mention.affiliated or mention.government_words:
            return Classification(Kind.UNNAMED_SPOKESPERSON, "an unnamed spokesperson speaking for a named body")
        return Classification(Kind.UNNAMED_SOURCE, "a spokesperson for no named body")
    if head in _OFFICIAL_ROLES or (not head and categories & _OFFICIAL_ROLES):
        if mention.affiliated:
            return Classification(Kind.UNNAMED_OFFICIAL, "an unnamed official of an identified body")
        return Classification(Kind.UNNAMED_SOURCE, "unnamed officials with no identified affiliation")
    if head in _VAGUE_ROLES or head == "report" or categories & _VAGUE_ROLES:
        return Classification(Kind.UNNAMED_SOURCE, "an unnamed, unverifiable source")
    if mention.affiliated or declared_type in ("government", "international", "company", "organisation", "outlet"):
        return Classification(Kind.NAMED_ORGANISATION, "an on-record statement of a named body")
    return Classification(Kind.UNNAMED_SOURCE, "no name, role or body identifies this source")


def upgrade_for_affiliation(kind: Kind, mention: Mention) -> Kind:
    """An unnamed official whose body is only known from the story is still an unnamed official."""
    if kind is Kind.UNNAMED_SOURCE and not mention.anonymity_cues:
        head = mention.head or (mention.role_categories[0] if mention.roles else "")
        if head in _OFFICIAL_ROLES:
            return Kind.UNNAMED_OFFICIAL
    return kind


@dataclass(frozen=True)
class AnonymityScore:
    """How much of a claim's support rests on anonymous sources, with reasons."""

    score: float
    reasons: tuple[str, ...]


def score_claim(kinds: Sequence[tuple[str, Kind]]) -> AnonymityScore:
    """Combine the kinds of a claim's sources (``(label, kind)`` pairs).

    ``share`` is the fraction of the sources that is unchecked (spokespeople
    count a quarter) and ``severity`` the worst kind among them; the score is
    ``share * (0.5 + 0.5 * severity)``. Both parts only grow when an anonymous
    source is added, so more reliance on anonymity never lowers the score,
    while a named source beside an anonymous one halves it.
    """
    if not kinds:
        return AnonymityScore(0.0, ("No sources: nothing to weigh.",))
    share = sum(MASS[kind] for _, kind in kinds) / len(kinds)
    unchecked = [(label, kind) for label, kind in kinds if MASS[kind] > 0]
    if not unchecked:
        return AnonymityScore(0.0, ("Every source is on the record.",))
    severity = max(SEVERITY[kind] for _, kind in unchecked)
    score = round(share * (0.5 + 0.5 * severity), 4)
    reasons = []
    anonymous = [label for label, kind in unchecked if kind.anonymous]
    spokes = [label for label, kind in unchecked if not kind.anonymous]
    named = len(kinds) - len(unchecked)
    if anonymous:
        reasons.append(f"Rests on anonymous sources: {_quote(anonymous)}.")
    if spokes:
        reasons.append(f"Unnamed spokesperson for a named body: {_quote(spokes)}.")
    if named:
        reasons.append(f"{named} of {len(kinds)} sources on the record.")
    else:
        reasons.append("No source on the record.")
    return AnonymityScore(score, tuple(reasons))


def _quote(labels: Sequence[str]) -> str:
    return ", ".join(f'"{label}"' for label in dict.fromkeys(labels))

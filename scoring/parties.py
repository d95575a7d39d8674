"""The principal behind a source: the party whose word it really is.

Independence is counted in parties, not in mentions: a ministry, its
spokesperson and "officials in Vientiane" are all Laos; five outlets citing
one Reuters report are Reuters. Resolution uses the knowledge files first and
falls back to the names in the mention, so unknown organisations and people
still form parties of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.knowledge import Entity, Knowledge
from scoring.mentions import Mention
from scoring.tokens import normalise, tokenize

UNIDENTIFIED = "unidentified"

_STATE_ROLES = frozenset({"official", "spokesperson", "leader"})
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Party:
    """A principal: ``type`` is government, international, company, organisation,
    outlet, expert, person or unidentified."""

    id: str
    name: str
    type: str


def slug(text: str) -> str:
    """A stable id fragment for a name."""
    return _SLUG.sub("-", normalise(text)).strip("-") or "unnamed"


def _from_entity(entity: Entity, knowledge: Knowledge) -> Party:
    principal = knowledge.parties.get(entity.party_id, entity)
    kind = {
        "country": "government",
        "outlet": "outlet",
    }.get(principal.kind, "")
    if not kind:
        kind = {
            "government": "government",
            "international": "international",
            "company": "company",
        }.get(principal.type, "organisation")
    return Party(principal.party_id, principal.name, kind)


def resolve(mention: Mention, declared_type: str, declared_party: str, knowledge: Knowledge) -> Party:
    """Find the party a source speaks for.

    A declared party wins. Otherwise a known entity decides, except that a
    country named beside a non-state role ("Ukrainian analysts") does not make
    the speaker the state. People with no affiliation are their own party;
    anonymous sources with no affiliation all collapse into one "unidentified"
    party, because nothing shows they are independent of each other.
    """
    if declared_party:
        found = knowledge.entities.find(tokenize(declared_party))
        if found and len(found) == 1 and found[0].text.lower() == declared_party.lower():
            return _from_entity(found[0].value, knowledge)
        return Party(f"party:{slug(declared_party)}", declared_party, declared_type or "organisation")
    principal = mention.principal
    if principal is not None and principal.kind != "country":
        return _from_entity(principal, knowledge)
    if principal is not None and _speaks_for_state(mention, knowledge):
        return _from_entity(principal, knowledge)
    if mention.organisation:
        return Party(f"org:{slug(mention.organisation)}", mention.organisation, _org_type(declared_type))
    if mention.person:
        expert = "expert" in mention.role_categories or declared_type == "expert"
        return Party(f"person:{slug(mention.person)}", mention.person, "expert" if expert else "person")
    return Party(UNIDENTIFIED, "Unidentified sources", UNIDENTIFIED)


def governmental(name: str, knowledge: Knowledge) -> bool:
    """Whether a body's name marks it as a state institution ("District Administration Office", "Ukraine")."""
    tokens = tokenize(name)
    if not tokens:
        return False
    if knowledge.government_nouns.find(tokens):
        return True
    covered = {i for m in knowledge.entities.find(tokens) if m.value.kind == "country" for i in range(m.start, m.end)}
    return all(i in covered or t.norm in knowledge.stopwords for i, t in enumerate(tokens))


def _speaks_for_state(mention: Mention, knowledge: Knowledge) -> bool:
    """A country named beside a state role, a state institution, or alone ("Moscow said").

    Not beside a non-state body ("the Spanish retail association ANGED") or a
    non-state role ("Ukrainian analysts").
    """
    if mention.organisation and not governmental(mention.organisation, knowledge):
        return False
    categories = set(mention.role_categories)
    return bool(categories & _STATE_ROLES) or bool(mention.government_words) or not categories


def _org_type(declared_type: str) -> str:
    known = ("government", "international", "company", "outlet")
    return declared_type if declared_type in known else "organisation"


def _words(name: str, knowledge: Knowledge) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(name) if t.norm not in knowledge.name_connectors)


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether ``shorter`` occurs as a contiguous run of words inside ``longer``."""
    if not shorter or len(shorter) > len(longer):
        return False
    return any(longer[i : i + len(shorter)] == shorter for i in range(len(longer) - len(shorter) + 1))


@dataclass(frozen=True)
class Sighting:
    """One source as the story-level consolidation sees it."""

    party: Party
    organisation: str
    government: bool
    known: bool


def consolidate(sightings: dict[str, Sighting], story_names: list[str], knowledge: Knowledge) -> dict[str, Party]:
    """Merge parties that the story shows to be one.

    Sources are resolved one at a time, so "a Halvorsen spokeswoman" and
    "Halvorsen Logistics", or "the Journal" and "The Wall Street Journal", or
    "the Ministry of Health" and "Zambia's Ministry of Health", come out as
    different parties. Within one story they are the same principal:

    * an unknown body whose name is the organisation of a source already tied
      to a known party joins that party;
    * an unknown body or person whose words occur inside the name of a party
      of the story (or a longer name written in the story) takes that name;
    * a government body or official with no country joins the story's only
      state, when it has exactly one.
    """
    parties = {sid: s.party for sid, s in sightings.items()}
    read: dict[str, tuple[str, ...]] = {}

    def words_of(name: str) -> tuple[str, ...]:  # each name is compared with every unknown source: read it once
        found = read.get(name)
        if found is None:
            found = read[name] = _words(name, knowledge)
        return found

    known_by_org: dict[tuple[str, ...], set[str]] = {}
    for s in sightings.values():
        if s.known and s.organisation:
            known_by_org.setdefault(tuple(sorted(words_of(s.organisation))), set()).add(s.party.id)
    story_parties = {s.party.id: s.party for s in sightings.values() if s.party.id != UNIDENTIFIED}
    states = sorted({p.id for p in story_parties.values() if p.id.startswith("state:")})
    names = sorted({n for n in story_names if n}, key=lambda n: (-len(n), n))
    for sid, sighting in sightings.items():
        party = sighting.party
        unknown = party.id.startswith(("org:", "person:"))
        if unknown:
            words = words_of(party.name)
            owners = known_by_org.get(tuple(sorted(words)), set())
            if len(owners) == 1:
                parties[sid] = story_parties[next(iter(owners))]
                continue
            wider = [
                p
                for p in story_parties.values()
                if p.id != party.id and _contains(words_of(p.name), words) and p.type != "person"
            ]
            if len(wider) == 1 and party.type != "person":
                parties[sid] = wider[0]
                continue
            longer = [n for n in names if _contains(words_of(n), words) and n != party.name]
            if longer and party.type != "person":
                name = longer[0]
                parties[sid] = Party(f"org:{slug(name)}", name, party.type)
                continue
        if (party.id == UNIDENTIFIED or unknown) and sighting.government and len(states) == 1:
            parties[sid] = story_parties[states[0]]
    # A body and a "person" with the same name are one party: prefer the body's type.
    by_slug: dict[str, Party] = {}
    for party in parties.values():
        if party.id.startswith(("org:", "person:")):
            key = party.id.split(":", 1)[1]
            current = by_slug.get(key)
            if current is None or (current.type == "person" and party.type != "person"):
                by_slug[key] = party
    for sid, party in parties.items():
        if party.id.startswith(("org:", "person:")):
            parties[sid] = by_slug[party.id.split(":", 1)[1]]
    return parties

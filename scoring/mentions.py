"""Reading a source mention: who is named, in what role, for whom.

A mention such as "Kremlin spokesman Dmitry Peskov" or "Egyptian security
sources quoted by a British newspaper" packs several facts into a few words.
:func:`read_mention` pulls them apart (person name, organisation, role,
known entities, anonymity cues, relay chain) so that the anonymity and party
rules can each ask a simple question of the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scoring.claims import Source
from scoring.knowledge import Entity, Knowledge
from scoring.phrases import Match
from scoring.tokens import Token, clean_text, tokenize

LOCATIVE = frozenset({"in", "at", "to", "near", "inside", "outside", "across", "into", "on"})
"""A known entity right after one of these is a place the source is in, not its principal."""

_AFFILIATING = frozenset({"at", "of", "for", "from", "with", "by"})
"""A capitalised name right after one of these is the body a person belongs to ("an official at Acme")."""

_HEAD_BREAKS = frozenset({"of", "in", "at", "for", "from", "with", "by", "to", "on", "who", "which", "that"})
"""Words that end the head noun phrase of a mention ("the transcript | of the meeting")."""

_SPEAKER_ROLES = frozenset({"spokesperson", "official", "staff", "leader", "expert", "source", "witness"})

_MAX_RELAY_DEPTH = 4


@dataclass(frozen=True)
class EntityHit:
    """A known entity found in the mention; ``locative`` when it only says where."""

    entity: Entity
    text: str
    locative: bool


@dataclass(frozen=True)
class Mention:
    """What the words of one source say about it."""

    text: str
    person: str = ""
    organisation: str = ""
    roles: tuple[tuple[str, str], ...] = ()
    head: str = ""
    entities: tuple[EntityHit, ...] = ()
    government_words: tuple[str, ...] = ()
    anonymity_cues: tuple[str, ...] = ()
    relays: tuple[str, ...] = ()

    @property
    def role_categories(self) -> tuple[str, ...]:
        """The categories of the role nouns, in order of appearance."""
        return tuple(category for category, _ in self.roles)

    @property
    def principal(self) -> Entity | None:
        """The known entity the source speaks for: the first that is not only a place."""
        for hit in self.entities:
            if not hit.locative:
                return hit.entity
        return self.entities[0].entity if self.entities else None

    @property
    def affiliated(self) -> bool:
        """Whether the words tie the source to a known entity or a named body."""
        return bool(self.entities or self.organisation)


def read_mention(source: Source, knowledge: Knowledge) -> Mention:
    """Read a source's mention and structured fields into a :class:`Mention`."""
    written = clean_text(source.mention or "")
    relays: list[str] = []
    if source.citing:
        # The source's own words name the relay; the origin is what it cites.
        relays.append(written or clean_text(source.name) or clean_text(source.organisation))
        origin = clean_text(source.citing)
        name, organisation_field = "", ""
    else:
        origin = written
        name, organisation_field = clean_text(source.name), clean_text(source.organisation)
    origin = _strip_relays(origin, relays, knowledge)
    tokens = tokenize(" , ".join(part for part in (origin, organisation_field, clean_text(source.role)) if part))
    role_matches = knowledge.roles.find(tokens)
    entity_matches = knowledge.entities.find(tokens)
    entities = [
        EntityHit(m.value, m.text, m.start > 0 and tokens[m.start - 1].norm in LOCATIVE) for m in entity_matches
    ]
    covered = {i for m in entity_matches for i in range(m.start, m.end)}
    covered |= {i for m in knowledge.regions.find(tokens) for i in range(m.start, m.end)}
    role_starts = {m.start for m in role_matches if m.value in _SPEAKER_ROLES}
    people, organisations = capitalised_names(tokens, covered, role_starts, knowledge)
    person, organisation = "", organisation_field
    if name:
        name_tokens = tokenize(name)
        name_hits = knowledge.entities.find(name_tokens)
        entities = [EntityHit(m.value, m.text, False) for m in name_hits] + entities
        guess_people, guess_orgs = capitalised_names(name_tokens, set(), set(), knowledge)
        if source.type in ("person", "expert"):
            person = guess_people[0] if guess_people else name
        elif not source.type and not name_hits and guess_people and not guess_orgs:
            person = guess_people[0]
        else:
            organisation = organisation or name
    if not person and people and source.type in ("", "person", "expert"):
        person = people[0]
    if not organisation and organisations:
        organisation = organisations[0]
    return Mention(
        text=written or clean_text(source.name) or organisation,
        person=person,
        organisation=organisation,
        roles=tuple((m.value, m.text) for m in role_matches),
        head=_head(tokens, role_matches),
        entities=tuple(entities),
        government_words=tuple(m.text for m in knowledge.government_nouns.find(tokens)),
        anonymity_cues=tuple(m.text for m in knowledge.anonymity_cues.find(tokenize(written or origin))),
        relays=tuple(r for r in relays if r),
    )


def _strip_relays(text: str, relays: list[str], knowledge: Knowledge) -> str:
    """Peel relay frames off a mention until only the origin is left.

    "Deutsche Welle, quoting a Reuters report" is Reuters relayed by Deutsche
    Welle; "according to a report in the Wall Street Journal" peels twice.
    """
    for _ in range(_MAX_RELAY_DEPTH):
        tokens = tokenize(text)
        cues = knowledge.relay_cues.find(tokens, text)
        if not cues:
            break
        cue = cues[0]
        before = text[: tokens[cue.start].start].strip(" ,;:-–—")
        after = text[tokens[cue.end - 1].end :].strip(" ,;:-–—")
        if cue.value == "after" and after:
            text, relay = after, before
        elif cue.value == "before" and before:
            text, relay = before, after
        else:
            break
        if relay:
            relays.append(relay)
    return text


def _head(tokens: Sequence[Token], role_matches: Sequence[Match[str]]) -> str:
    """The category of the head noun: the last role word before the phrase is qualified."""
    limit = len(tokens)
    for index, token in enumerate(tokens):
        if token.norm in _HEAD_BREAKS and index > 0:
            limit = index
            break
    head = ""
    for match in role_matches:
        if match.start < limit:
            head = match.value
    return head


def capitalised_names(
    tokens: Sequence[Token], covered: set[int], role_starts: set[int], knowledge: Knowledge
) -> tuple[list[str], list[str]]:
    """Capitalised word runs not already known, split into people and organisations.

    A run right after "at", "of", "for"… or right before a speaker role ("a
    Nimbus Pay spokesperson") names a body, not a person; a run after a title
    ("Dr.") names a person.
    """
    people: list[str] = []
    organisations: list[str] = []
    run: list[int] = []

    def close() -> None:
        while run and tokens[run[-1]].norm in knowledge.name_connectors:
            run.pop()
        if run:
            before = tokens[run[0] - 1].norm if run[0] > 0 else ""
            body = before in _AFFILIATING or (run[-1] + 1) in role_starts
            _classify_run([tokens[i] for i in run], body, knowledge, people, organisations)
        run.clear()

    for index, token in enumerate(tokens):
        starts_name = token.capitalised and index not in covered and index not in role_starts
        if starts_name and token.norm in knowledge.stopwords and not run:
            starts_name = False
        continues = (
            run
            and token.norm in knowledge.name_connectors
            and not token.capitalised
            and any(tokens[i].norm in knowledge.complement_heads for i in run)
        )
        if starts_name or continues:
            run.append(index)
        elif run:
            close()
    close()
    return people, organisations


def _classify_run(run: list[Token], body: bool, knowledge: Knowledge, people: list[str], orgs: list[str]) -> None:
    if any(t.norm in knowledge.organisation_nouns for t in run):
        orgs.append(" ".join(t.text for t in run))
        return
    words = list(run)
    titled = False
    while words and words[0].norm in knowledge.titles and len(words) > 1:
        words.pop(0)
        titled = True
    if not words or (words[0].norm in knowledge.titles and not titled):
        return
    name = " ".join(t.text for t in words)
    if any(t.upper for t in words) and not titled:
        orgs.append(name)
    elif titled:
        people.append(name)
    elif body:
        orgs.append(name)
    elif 2 <= len(words) <= 4 and all(t.text.replace(".", "").replace("-", "").isalpha() for t in words):
        people.append(name)
    else:
        orgs.append(name)

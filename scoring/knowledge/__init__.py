"""Loading the knowledge files (see README.md in this folder for their format).

The files are parsed once per process into matchers that the rules share;
:func:`load_knowledge` is cached, and :attr:`Knowledge.digest` (a SHA-256 of
every file) is reported with each score so results can be traced to the data.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from scoring.phrases import PhraseMatcher
from scoring.tokens import normalise, stems_of

KNOWLEDGE_DIR = Path(__file__).resolve().parent


class KnowledgeError(ValueError):
    """A knowledge file is missing or malformed; the message names file and line."""


@dataclass(frozen=True, slots=True)
class Entity:
    """A known principal: a state, a body with a known owner, or an outlet.

    ``party_id`` is the party a source matching this entity speaks for: the
    state for a state body or state media, the entity itself otherwise.
    """

    id: str
    name: str
    kind: str
    type: str
    country: str
    party_id: str
    via: str = "name"


@dataclass(frozen=True, slots=True)
class ContrastPair:
    """Two sets of descriptions that cannot both be true of the same thing."""

    left: tuple[str, ...]
    right: tuple[str, ...]
    scope: str
    reason: str


@dataclass(eq=False)
class Knowledge:
    """Everything the rules know, parsed and indexed for matching."""

    entities: PhraseMatcher[Entity] = field(default_factory=lambda: PhraseMatcher("norm"))
    parties: dict[str, Entity] = field(default_factory=dict)
    regions: PhraseMatcher[str] = field(default_factory=lambda: PhraseMatcher("norm"))
    roles: PhraseMatcher[str] = field(default_factory=lambda: PhraseMatcher("stem"))
    anonymity_cues: PhraseMatcher[str] = field(default_factory=lambda: PhraseMatcher("stem"))
    government_nouns: PhraseMatcher[str] = field(default_factory=lambda: PhraseMatcher("stem"))
    relay_cues: PhraseMatcher[str] = field(default_factory=lambda: PhraseMatcher("norm"))
    negations: PhraseMatcher[str] = field(default_factory=lambda: PhraseMatcher("norm"))
    negation_exceptions: PhraseMatcher[str] = field(default_factory=lambda: PhraseMatcher("norm"))
    denial_cues: PhraseMatcher[str] = field(default_factory=lambda: PhraseMatcher("stem"))
    hedges: PhraseMatcher[str] = field(default_factory=lambda: PhraseMatcher("stem"))
    contrast_pairs: list[ContrastPair] = field(default_factory=list)
    contrasts: PhraseMatcher[tuple[tuple[int, str], ...]] = field(default_factory=lambda: PhraseMatcher("stem"))
    units: dict[str, tuple[str, float]] = field(default_factory=dict)
    generic_units: frozenset[str] = frozenset()
    unit_groups: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    organisation_nouns: frozenset[str] = frozenset()
    name_connectors: frozenset[str] = frozenset()
    complement_heads: frozenset[str] = frozenset()
    clause_words: frozenset[str] = frozenset()
    digest: str = ""


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    if not path.is_file():
        raise KnowledgeError(f"knowledge file {path} is missing")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            stripped = line.rstrip("\n").rstrip("\r")
            if stripped.strip() and not stripped.lstrip().startswith("#"):
                yield number, stripped


def read_list(path: Path) -> list[str]:
    """A one-phrase-per-line file."""
    return [line.strip() for _, line in _lines(path)]


def read_table(path: Path) -> list[dict[str, str]]:
    """A TAB-separated file with a header row; every row must have every column."""
    rows = iter(_lines(path))
    try:
        _, header_line = next(rows)
    except StopIteration:
        raise KnowledgeError(f"{path.name} has no header row") from None
    header = header_line.split("\t")
    table: list[dict[str, str]] = []
    for number, line in rows:
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(cells) != len(header):
            raise KnowledgeError(
                f"{path.name} line {number}: expected {len(header)} TAB-separated columns "
                f"({', '.join(header)}), found {len(cells)}"
            )
        table.append(dict(zip(header, (c.strip() for c in cells), strict=True)))
    return table


def alternatives(cell: str) -> list[str]:
    """The ``|``-separated alternatives of a cell."""
    return [part.strip() for part in cell.split("|") if part.strip()]


def _digest(directory: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        if path.is_file() and path.suffix in (".tsv", ".txt"):
            sha.update(str(path.relative_to(directory)).encode())
            sha.update(path.read_bytes())
    return sha.hexdigest()


def _load_world(knowledge: Knowledge, directory: Path) -> None:
    for row in read_table(directory / "countries.tsv"):
        party_id = f"state:{row['id']}"
        base = Entity(party_id, row["name"], "country", "government", row["id"], party_id)
        knowledge.parties[party_id] = base
        for via, column in (
            ("name", "name"),
            ("alias", "aliases"),
            ("demonym", "demonyms"),
            ("capital", "capitals"),
            ("seat", "seats"),
        ):
            entity = Entity(base.id, base.name, base.kind, base.type, base.country, party_id, via)
            knowledge.entities.add_all(alternatives(row[column]), entity)
    for row in read_table(directory / "organisations.tsv"):
        own_id = f"org:{row['id']}"
        state_id = f"state:{row['country']}" if row["country"] else ""
        is_state_body = row["type"] == "government" and state_id in knowledge.parties
        party_id = state_id if is_state_body else own_id
        entity = Entity(own_id, row["name"], "organisation", row["type"], row["country"], party_id)
        if not is_state_body:
            knowledge.parties[own_id] = entity
        knowledge.entities.add_all([row["name"], *alternatives(row["aliases"])], entity)
    for row in read_table(directory / "outlets.tsv"):
        own_id = f"outlet:{row['id']}"
        state_id = f"state:{row['country']}" if row["country"] else ""
        is_state_media = row["type"] == "state-media" and state_id in knowledge.parties
        party_id = state_id if is_state_media else own_id
        entity = Entity(own_id, row["name"], "outlet", row["type"], row["country"], party_id)
        if not is_state_media:
            knowledge.parties[own_id] = entity
        knowledge.entities.add_all([row["name"], *alternatives(row["aliases"])], entity)
    knowledge.regions.add_all(read_list(directory / "lexicon" / "regions.txt"), "region")


def _load_language(knowledge: Knowledge, lexicon: Path) -> None:
    for row in read_table(lexicon / "roles.tsv"):
        knowledge.roles.add(row["term"], row["category"])
    for name in ("anonymity_cues", "government_nouns", "negations", "denial_cues", "hedges"):
        matcher: PhraseMatcher[str] = getattr(knowledge, name)
        for phrase in read_list(lexicon / f"{name}.txt"):
            matcher.add(phrase, phrase)
    for phrase in read_list(lexicon / "negation_exceptions.txt"):
        knowledge.negation_exceptions.add(phrase, phrase)
    for row in read_table(lexicon / "relay_cues.tsv"):
        if row["origin"] not in ("after", "before"):
            raise KnowledgeError(f"relay_cues.tsv: origin must be 'after' or 'before', not {row['origin']!r}")
        knowledge.relay_cues.add(row["cue"], row["origin"])
    sides: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    phrase_of: dict[tuple[str, ...], str] = {}
    for index, row in enumerate(read_table(lexicon / "contrast_pairs.tsv")):
        if row["scope"] not in ("story", "topic"):
            raise KnowledgeError(f"contrast_pairs.tsv: scope must be 'story' or 'topic', not {row['scope']!r}")
        pair = ContrastPair(
            tuple(alternatives(row["left"])), tuple(alternatives(row["right"])), row["scope"], row["reason"]
        )
        knowledge.contrast_pairs.append(pair)
        for side, phrases in (("left", pair.left), ("right", pair.right)):
            for phrase in phrases:
                key = stems_of(phrase)
                sides.setdefault(key, []).append((index, side))
                phrase_of[key] = phrase
    for key, entries in sides.items():
        knowledge.contrasts.add(phrase_of[key], tuple(entries))
    generic: set[str] = set()
    for row in read_table(lexicon / "quantity_units.tsv"):
        for stem in stems_of(row["noun"])[-1:]:
            knowledge.units.setdefault(stem, (row["group"], float(row["factor"] or 1)))
        if row["generic"] == "yes":
            generic.add(row["group"])
    knowledge.generic_units = frozenset(generic)
    knowledge.unit_groups = frozenset(group for group, _ in knowledge.units.values())
    knowledge.stopwords = frozenset(normalise(w) for w in read_list(lexicon / "stopwords.txt"))
    knowledge.titles = frozenset(normalise(w) for w in read_list(lexicon / "titles.txt"))
    knowledge.organisation_nouns = frozenset(normalise(w) for w in read_list(lexicon / "organisation_nouns.txt"))
    knowledge.clause_words = frozenset(normalise(w) for w in read_list(lexicon / "clause_words.txt"))
    knowledge.complement_heads = frozenset(normalise(w) for w in read_list(lexicon / "complement_heads.txt"))
    knowledge.name_connectors = frozenset(normalise(w) for w in read_list(lexicon / "name_connectors.txt"))


@cache
def load_knowledge(directory: Path = KNOWLEDGE_DIR) -> Knowledge:
    """Parse every knowledge file under ``directory`` (cached per directory)."""
    knowledge = Knowledge()
    _load_world(knowledge, directory)
    _load_language(knowledge, directory / "lexicon")
    knowledge.digest = _digest(directory)
    return knowledge

"""The attribution lexicon: cue verbs, frames, roles and word lists, read from data files.

The rules live in ``scoring/knowledge/attribution/`` so that a newsroom can
review and extend them without touching code; this module only parses them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "attribution"


def _lines(name: str) -> list[str]:
    """Non-blank, non-comment lines of one lexicon file, stripped."""
    text = (KNOWLEDGE_DIR / name).read_text(encoding="utf-8")
    out: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def read_list(name: str) -> frozenset[str]:
    """A ``.txt`` list as a set of lower-case entries."""
    return frozenset(line.lower() for line in _lines(name))


def read_table(name: str) -> list[dict[str, str]]:
    """A ``.tsv`` table as dicts keyed by its header line."""
    lines = _lines(name)
    if not lines:
        return []
    header = [h.strip() for h in lines[0].split("\t")]
    rows: list[dict[str, str]] = []
    for line in lines[1:]:
        cells = [c.strip() for c in line.split("\t")]
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells, strict=False)))
    return rows


@dataclass(frozen=True)
class CueVerb:
    """One inflected cue verb form and what it does."""

    lemma: str
    kind: str
    inverts: bool


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractor knows about the language of sourcing."""

    verbs: dict[str, CueVerb]
    frames: dict[tuple[str, ...], tuple[str, ...]]
    anonymity: tuple[tuple[str, ...], ...]
    roles: dict[str, str]
    titles: frozenset[str]
    abbreviations: frozenset[str]
    pronouns: dict[str, tuple[str, str]]
    organisation_nouns: frozenset[str]
    document_nouns: frozenset[str]
    group_nouns: frozenset[str]
    adjuncts: frozenset[str]
    auxiliaries: frozenset[str]
    clause_stops: frozenset[str]
    connectors: frozenset[str]

    @property
    def max_frame_len(self) -> int:
        """Longest multi-word frame, to bound look-ahead."""
        return max((len(k) for k in self.frames), default=1)


def _phrase(text: str) -> tuple[str, ...]:
    """Split a lexicon phrase into the lower-case tokens the tokenizer would produce."""
    return tuple(text.lower().replace("'", " ' ").split())


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load (once per process) the attribution lexicon."""
    verbs: dict[str, CueVerb] = {}
    for row in read_table("cue_verbs.tsv"):
        verb = CueVerb(row["lemma"], row["kind"], row["inverts"] == "yes")
        for form in row["forms"].split("|"):
            if form:
                verbs.setdefault(form.lower(), verb)
    frames: dict[tuple[str, ...], tuple[str, ...]] = {}
    for row in read_table("frames.tsv"):
        key = _phrase(row["phrase"])
        frames[key] = frames.get(key, ()) + (row["frame"],)
    roles = {row["term"].lower(): row["category"] for row in read_table("roles.tsv")}
    pronouns = {row["pronoun"].lower(): (row["number"], row["kind"]) for row in read_table("pronouns.tsv")}
    anonymity = tuple(sorted({_phrase(p) for p in read_list("anonymity.txt")}))
    return Lexicon(
        verbs=verbs,
        frames=frames,
        anonymity=anonymity,
        roles=roles,
        titles=read_list("titles.txt"),
        abbreviations=read_list("abbreviations.txt"),
        pronouns=pronouns,
        organisation_nouns=read_list("organisation_nouns.txt"),
        document_nouns=read_list("document_nouns.txt"),
        group_nouns=read_list("group_nouns.txt"),
        adjuncts=read_list("adjuncts.txt"),
        auxiliaries=read_list("auxiliaries.txt"),
        clause_stops=read_list("clause_stops.txt"),
        connectors=read_list("np_connectors.txt"),
    )

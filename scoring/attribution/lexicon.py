"""The attribution lexicon: cue verbs, frames and the word lists only attribution needs.

The rules live in ``scoring/knowledge/attribution/`` so that a newsroom can
review and extend them without touching code; this module only parses them,
with the spine's readers. Role nouns, titles, organisation nouns and
anonymity cues are not repeated here: they are the spine's
(``scoring/knowledge/lexicon/``), reached through :func:`is_role` and
:func:`is_organisation_noun`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scoring.knowledge import KNOWLEDGE_DIR as SPINE_DIR
from scoring.knowledge import load_knowledge, read_list, read_table

KNOWLEDGE_DIR = SPINE_DIR / "attribution"


def word_list(name: str) -> frozenset[str]:
    """A ``.txt`` list of the attribution lexicon as a set of lower-case entries."""
    return frozenset(line.lower() for line in read_list(Path(KNOWLEDGE_DIR / name)))


@dataclass(frozen=True)
class CueVerb:
    """One inflected cue verb form and what it does."""

    lemma: str
    kind: str
    inverts: bool


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractor knows about the language of sourcing that the spine does not."""

    verbs: dict[str, CueVerb]
    frames: dict[tuple[str, ...], tuple[str, ...]]
    abbreviations: frozenset[str]
    pronouns: dict[str, tuple[str, str]]
    group_nouns: frozenset[str]
    plural_determiners: frozenset[str]
    adjuncts: frozenset[str]
    auxiliaries: frozenset[str]
    clause_stops: frozenset[str]
    connectors: frozenset[str]
    offices: frozenset[str]
    body_nouns: frozenset[str]
    anonymous_heads: frozenset[str]
    document_nouns: frozenset[str]
    not_cues: frozenset[str]
    organisation_names: frozenset[str] = frozenset()
    """One-word names of well-known bodies ("harvard", "apple"); read only when typing a source."""
    group_heads: frozenset[str] = frozenset()
    """Plural heads of unnamed groups beyond ``group_nouns`` ("landlords"); read only when typing a source."""
    document_heads: frozenset[str] = frozenset()
    """Document heads beyond ``document_nouns`` ("poll", "filings"); read only when typing a source."""
    statement_verbs: frozenset[str] = frozenset()
    """Verbs that end a statement's subject when no cue is found ("shows", "found")."""
    surname_prefixes: frozenset[str] = frozenset()
    """Prefixes after which an inner capital is a surname's ("McConnell"), not a brand's ("BlackRock")."""
    named_documents: frozenset[tuple[str, str]] = frozenset()
    """(word, position) pairs naming a document: "bill" before a number, "act" ending a name."""
    name_particles: frozenset[str] = frozenset()
    """Lower-case words inside a person's name ("Bill de Blasio"); read only when typing a source."""
    statement_openers: frozenset[str] = frozenset()
    """Words skipped before a statement's subject ("But", "However,"); read only when typing a source."""
    adverbial_openers: frozenset[str] = frozenset()
    """Words opening an adverbial before the subject ("On Sunday, …"); read only when typing a source."""
    subject_adverbs: frozenset[str] = frozenset()
    """Adverbs a source span may end on ("Mook further asserted"); read only when typing a source."""

    @property
    def frame_starts(self) -> frozenset[str]:
        """First words of the frames: a token that is none of them starts no frame."""
        return _frame_starts(tuple(self.frames))

    @property
    def max_frame_len(self) -> int:
        """Longest multi-word frame, to bound look-ahead."""
        return max((len(k) for k in self.frames), default=1)


@lru_cache(maxsize=4)
def _frame_starts(keys: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """First words of the given frame phrases."""
    return frozenset(k[0] for k in keys if k)


def _phrase(text: str) -> tuple[str, ...]:
    """Split a lexicon phrase into the lower-case tokens the tokenizer would produce."""
    from scoring.attribution.tokens import tokenize

    return tuple(t.lower for t in tokenize(text.lower()))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load (once per process) the attribution lexicon."""
    verbs: dict[str, CueVerb] = {}
    for row in read_table(KNOWLEDGE_DIR / "cue_verbs.tsv"):
        verb = CueVerb(row["lemma"], row["kind"], row["inverts"] == "yes")
        for form in row["forms"].split("|"):
            if form:
                verbs.setdefault(form.lower(), verb)
    frames: dict[tuple[str, ...], tuple[str, ...]] = {}
    for row in read_table(KNOWLEDGE_DIR / "frames.tsv"):
        key = tuple(row["phrase"].lower().split())
        frames[key] = frames.get(key, ()) + (row["frame"],)
    pronouns = {
        row["pronoun"].lower(): (row["number"], row["kind"]) for row in read_table(KNOWLEDGE_DIR / "pronouns.tsv")
    }
    return Lexicon(
        verbs=verbs,
        frames=frames,
        abbreviations=word_list("abbreviations.txt"),
        pronouns=pronouns,
        group_nouns=word_list("group_nouns.txt"),
        plural_determiners=word_list("plural_determiners.txt"),
        adjuncts=word_list("adjuncts.txt"),
        auxiliaries=word_list("auxiliaries.txt"),
        clause_stops=word_list("clause_stops.txt"),
        connectors=word_list("np_connectors.txt"),
        offices=word_list("offices.txt"),
        body_nouns=word_list("body_nouns.txt"),
        anonymous_heads=word_list("anonymous_heads.txt"),
        document_nouns=word_list("document_nouns.txt"),
        not_cues=word_list("not_cues.txt"),
        organisation_names=word_list("organisation_names.txt"),
        group_heads=word_list("group_heads.txt"),
        document_heads=word_list("document_heads.txt"),
        statement_verbs=word_list("statement_verbs.txt"),
        surname_prefixes=word_list("surname_prefixes.txt"),
        name_particles=word_list("name_particles.txt"),
        statement_openers=word_list("statement_openers.txt"),
        adverbial_openers=word_list("adverbial_openers.txt"),
        subject_adverbs=word_list("subject_adverbs.txt"),
        named_documents=frozenset(
            (row["word"].lower(), row["position"]) for row in read_table(KNOWLEDGE_DIR / "named_documents.tsv")
        ),
    )


@lru_cache(maxsize=4096)
def is_role(word: str) -> bool:
    """Whether one word is a role noun of the spine's ``roles.tsv`` ("spokesman", "officials")."""
    return bool(load_knowledge().roles.get(word))


@lru_cache(maxsize=4096)
def is_organisation_noun(word: str) -> bool:
    """Whether one word heads the name of a body ("agency", "ministry", "campaign")."""
    from scoring.tokens import normalise

    knowledge = load_knowledge()
    return normalise(word) in knowledge.organisation_nouns or bool(knowledge.government_nouns.get(word))

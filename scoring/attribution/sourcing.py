"""The kind of source behind one sourced statement, for comparing with human labels."""

from __future__ import annotations

from scoring.attribution.extractor import Found
from scoring.attribution.lexicon import lexicon
from scoring.attribution.reading import NAMED_ORGANISATION, NAMED_PERSON
from scoring.attribution.sentences import Segment
from scoring.attribution.story import _Builder
from scoring.attribution.tagger import shipped_tagger

FALLBACK_KIND = NAMED_PERSON
"""When no attribution is found: the most common kind of source in PolNeAR train (named people)."""
_THING_PRONOUNS = frozenset({"it", "its", "it's", "it\u2019s"})


def _speaks_of_itself_as_thing(found: Found, seg: Segment) -> bool:
    """Whether the reported words refer back to the source as "it" ("Nimbus said it would appeal")."""
    for start, end in found.content:
        words = [t.lower for t in seg.tokens[start:end] if t.is_word and t.lower != "that"]
        return bool(words) and words[0] in _THING_PRONOUNS
    return False


def statement_source_kind(statement: str) -> str:
    """Kind of the first attributed source of ``statement`` (see :data:`scoring.attribution.KINDS`).

    A bare capitalised name is read as a surname; when the statement then
    calls the source "it", the name is a body's ("Nimbus said it would appeal").
    """
    builder = _Builder(statement, tagger=shipped_tagger())
    builder.run()
    for _att, entry, found, seg in builder.attributions:
        if entry is not None:
            bare = entry.mention.strip()
            if (
                entry.type == NAMED_PERSON
                and " " not in bare
                and bare[:1].isupper()
                and bare.lower() not in lexicon().pronouns
                and _speaks_of_itself_as_thing(found, seg)
            ):
                return NAMED_ORGANISATION
            return entry.type
    return FALLBACK_KIND

"""The kind of source behind one sourced statement, for comparing with human labels."""

from __future__ import annotations

from scoring.attribution.reading import NAMED_PERSON
from scoring.attribution.story import _Builder
from scoring.attribution.tagger import shipped_tagger

FALLBACK_KIND = NAMED_PERSON
"""When no attribution is found: the most common kind of source in PolNeAR train (named people)."""


def statement_source_kind(statement: str) -> str:
    """Kind of the first attributed source of ``statement`` (see :data:`scoring.attribution.KINDS`)."""
    builder = _Builder(statement, tagger=shipped_tagger())
    builder.run()
    for _att, entry, _found, _seg in builder.attributions:
        if entry is not None:
            return entry.type
    return FALLBACK_KIND

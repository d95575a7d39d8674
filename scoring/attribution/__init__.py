"""Article attribution extractor: English news text in, claims with their attributed sources out.

Public API: :func:`extract_story` (text → :class:`~scoring.claims.Story`),
:func:`extract_attributions` (character spans of every source, cue and
content, for evaluation), :func:`classify_mention` (kind of source) and
:class:`ArticleError` (input that is not an article).
"""

from scoring.attribution.guard import MAX_CHARS, ArticleError
from scoring.attribution.kinds import KINDS, classify_mention
from scoring.attribution.story import Attribution, extract_attributions, extract_story

__all__ = [
    "KINDS",
    "MAX_CHARS",
    "ArticleError",
    "Attribution",
    "classify_mention",
    "extract_attributions",
    "extract_story",
]

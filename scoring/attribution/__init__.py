"""Article attribution extractor: English news text in, claims with their attributed sources out.

Rules read each sentence first (cue lexicons and frames as data); a small
trained tagger (``artifacts/attribution-tagger.skops``, learned from PolNeAR
train, hash-checked on load) then adds the sources the rules miss.

Public API: :func:`extract_story` (text → :class:`~scoring.claims.Story`),
:func:`extract_attributions` (character spans of every source, cue and
content, for evaluation), :func:`classify_mention` (kind of source) and
:class:`ArticleError` (input that is not an article).
"""

from scoring.attribution.guard import MAX_CHARS, ArticleError
from scoring.attribution.reading import KINDS, classify_mention
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

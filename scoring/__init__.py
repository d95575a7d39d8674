"""Source-credibility scoring: claims and their sources in, sourcing signals out.

The package is pure domain logic (no web framework, no database), so it can be
used from the API, the command line or a notebook alike::

    from scoring import score_story, story_from_dict
    report = score_story(story_from_dict({"claims": [...]}))
"""

from scoring.claims import Claim, Source, Span, Story, story_from_dict
from scoring.pipeline import Scorer, score_story
from scoring.version import RULES_VERSION

__all__ = ["RULES_VERSION", "Claim", "Scorer", "Source", "Span", "Story", "score_story", "story_from_dict"]

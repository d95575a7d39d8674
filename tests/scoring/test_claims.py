"""Building stories from plain data: generated ids and shared sources."""

from __future__ import annotations

from scoring import story_from_dict


def test_ids_are_generated_and_identical_sources_share_one() -> None:
    story = story_from_dict(
        {
            "claims": [
                {"text": "a", "sources": [{"mention": "Reuters"}, {"mention": "a NATO official"}]},
                {"text": "b", "sources": [{"mention": "reuters "}]},
                {"id": "c1", "text": "c"},
            ]
        }
    )
    assert [c.id for c in story.claims] == ["c2", "c3", "c1"]
    assert [s.id for s in story.claims[0].sources] == ["s1", "s2"]
    assert story.claims[1].sources[0].id == "s1"
    assert [s.id for s in story.sources] == ["s1", "s2"]


def test_given_ids_are_kept_and_not_reused() -> None:
    story = story_from_dict(
        {
            "claims": [
                {"text": "a", "sources": [{"id": "s1", "mention": "Reuters"}, {"mention": "AP"}]},
            ]
        }
    )
    assert [s.id for s in story.claims[0].sources] == ["s1", "s2"]

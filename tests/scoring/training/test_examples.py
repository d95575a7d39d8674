"""Labels as model inputs: the claims of one story are scored together, as when serving."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from scoring.labels import label_from_mapping
from scoring.training import examples_from_labels


def test_claims_of_one_story_are_scored_together_so_conflict_is_seen() -> None:
    rows: list[dict[str, Any]] = [
        {
            "text": "The minister resigned on Tuesday.",
            "verdict": "unreliable",
            "story_id": "s1",
            "sources": ["a government source"],
        },
        {
            "text": "The minister has not resigned and remains in office.",
            "verdict": "uncertain",
            "story_id": "s1",
            "sources": [{"name": "Office of the Minister", "type": "government"}],
        },
        {
            "text": "Exports rose 4 percent in March.",
            "verdict": "reliable",
            "sources": [{"name": "Ministry of Trade", "type": "government"}, {"name": "Reuters", "type": "outlet"}],
        },
    ]
    labels = [label_from_mapping(row) for row in rows]
    together = examples_from_labels(labels)
    alone = examples_from_labels([replace(label, story_id="") for label in labels])
    conflict = 2  # column of FEATURES
    assert together[0].signals[conflict] > 0.5 and together[1].signals[conflict] > 0.5
    assert alone[0].signals[conflict] == alone[1].signals[conflict] == 0.0
    assert together[2] == alone[2]

"""Sentence splitting edge cases: abbreviations, initials, quotations, headlines."""

from __future__ import annotations

import pytest

from scoring.attribution.sentences import split_segments


def _sentences(text: str) -> list[str]:
    """Text of each non-headline segment."""
    return [text[s.start : s.end] for s in split_segments(text) if not s.headline]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Dr. Mark Ling spoke. He left.", 2),
        ("Gen. Ana Ruiz met Mr. Brown on Jan. 5 in the U.S. capital. Talks went well.", 2),
        ("The vote was set for No. 10 Downing St. on Monday. It was delayed.", 2),
        ("J. R. Smith and T. S. Eliot were named. Nobody objected.", 2),
        ("Sanctions hit the U.S. The move angered Beijing.", 2),
        ("Prices rose 3.5 percent in 2024. Wages did not.", 2),
        ("Was it true? Nobody knew! The end.", 3),
    ],
)
def test_abbreviations_and_marks(text: str, count: int) -> None:
    """Periods of abbreviations and initials do not end sentences."""
    assert len(_sentences(text)) == count, _sentences(text)


def test_quotation_of_several_sentences_stays_whole() -> None:
    """A quotation spanning sentences is one segment with the speaker after it."""
    text = "“We tried. We failed. We will try again,” said the coach. Fans cheered."
    sentences = _sentences(text)
    assert sentences[0].startswith("“We tried.") and sentences[0].endswith("said the coach.")
    assert sentences[1] == "Fans cheered."


def test_quote_ending_a_sentence() -> None:
    """A closing quotation mark after a period ends the sentence."""
    text = "He said: “It is over.” The crowd left."
    assert _sentences(text) == ["He said: “It is over.”", "The crowd left."]


def test_headlines_are_marked_and_not_split() -> None:
    """Lines without final punctuation and short title-case lines are headlines."""
    text = (
        "Laos Joins Russia’s War Logistics\n\nA Growing Coalition or Just a Symbolic Move?\n\n"
        "The ministry said so. It agreed."
    )
    segments = split_segments(text)
    assert [s.headline for s in segments] == [True, True, False, False]


def test_unbalanced_quote_does_not_swallow_paragraph() -> None:
    """An opening mark that never closes does not stop the splitting."""
    text = "“This never closes. The next sentence is separate. So is this one."
    assert len(_sentences(text)) == 3


def test_offsets_match_text() -> None:
    """Segment offsets cut the original text exactly."""
    text = "  First line here.\r\n\r\nSecond one: “quoted.” Third?\n"
    for seg in split_segments(text):
        assert text[seg.start : seg.end].strip() == text[seg.start : seg.end]
        assert seg.tokens[0].start == seg.start and seg.tokens[-1].end == seg.end

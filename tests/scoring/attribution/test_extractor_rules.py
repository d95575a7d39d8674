"""Rules added for sources the tagger missed on PolNeAR dev.

Signed quotations, transcript labels, time adjuncts and short adverbs between a subject and its cue, a name
with its hometown, abbreviations inside brackets ("(D-Wis.)") and quotation marks printed as two apostrophes.

Each case runs the rules alone and the shipped extractor (rules, then the tagger) on a short text and checks
the source span.
"""

from __future__ import annotations

import pytest

from scoring.attribution import extract_attributions
from scoring.attribution.sentences import split_segments
from scoring.attribution.story import Attribution

LEAD = "The council met on Monday to discuss the budget and the bridge.\n\n"
"""A prose opening line, so the case under test is read as a sentence, not as a headline."""


def _attributions(text: str, rules_only: bool = False) -> list[tuple[str, str]]:
    """(source, cue) texts of every attribution with a source."""
    out: list[tuple[str, str]] = []
    for att in extract_attributions(text, rules_only=rules_only):
        if att.source is not None:
            cue = text[att.cue.start : att.cue.end] if att.cue is not None else ""
            out.append((text[att.source.start : att.source.end], cue))
    return out


def _by_source(text: str, source: str) -> Attribution:
    """The attribution whose source text is ``source``."""
    for att in extract_attributions(text):
        if att.source is not None and text[att.source.start : att.source.end] == source:
            return att
    raise AssertionError(f"no source {source!r} in {_attributions(text)}")


@pytest.mark.parametrize(
    ("body", "source", "cue"),
    [
        # a quotation of several sentences signed after its close with a horizontal bar (U+2015)
        (
            "\u201cThe bridge is unsafe. The council knew it for years. Nobody acted.\u201d \u2015 Sonya Herridge",
            "Sonya Herridge",
            "\u2015",
        ),
        ("\u201cThe bridge will reopen in May.\u201d\u2015 Carla Sanchez.", "Carla Sanchez", "\u2015"),
        # a transcript's upper-case speaker label, with or without the paragraph's opening quotation mark
        ('"WALLACE: Let us start with the news about the bridge tonight.', "WALLACE", ":"),
        ("PENCE: The bridge will not be ready before the debate.", "PENCE", ":"),
        # a time adjunct between the subject and its cue
        ("Wells Fargo just this month announced it would end the incentives.", "Wells Fargo", "announced"),
        ("The mayor on Tuesday said the bridge would reopen in May.", "The mayor", "said"),
        # a short adverb between the subject and its cue belongs to the cue
        ("The mayor now says the bridge will stay closed until June.", "The mayor", "now says"),
        # an abbreviation's full stop inside brackets does not end the name
        ("Rep. Gwen Moore (D-Wis.) said the bill would fail in the Senate.", "Rep. Gwen Moore (D-Wis.)", "said"),
        # quotation marks printed as two apostrophes
        ("''There is a lot of new complexity,'' said Mr. Burman.", "Mr. Burman", "said"),
        # a name with its hometown (and age) before the cue
        (
            "Johnnie Wilson, of Springfield, Va., said he had fought in Vietnam.",
            "Johnnie Wilson, of Springfield, Va.",
            "said",
        ),
        (
            "Donna Rawlings, 59, of Ashton, Md., who watched on a screen, said the event brought back memories.",
            "Donna Rawlings, 59, of Ashton, Md., who watched on a screen",
            "said",
        ),
        (
            "Donna Rawlings, 59, of Ashton, Md., said the event brought back memories.",
            "Donna Rawlings, 59, of Ashton, Md.",
            "said",
        ),
    ],
)
@pytest.mark.parametrize("rules_only", [True, False], ids=["rules", "shipped"])
def test_source_span(body: str, source: str, cue: str, rules_only: bool) -> None:
    text = LEAD + body
    assert (source, cue) in _attributions(text, rules_only)


def test_signed_quotation_keeps_its_words_as_content() -> None:
    text = LEAD + "\u201cThe bridge will reopen in May.\u201d \u2015 Carla Sanchez"
    att = _by_source(text, "Carla Sanchez")
    assert att.content and "bridge will reopen" in text[att.content[0].start : att.content[-1].end]


def test_transcript_label_keeps_the_attributions_inside_the_speech() -> None:
    text = LEAD + "PENCE: The mayor said the bridge would reopen before the debate."
    found = _attributions(text)
    assert ("PENCE", ":") in found
    assert ("The mayor", "said") in found


@pytest.mark.parametrize(
    "body",
    [
        "Note: the bridge will reopen in May, after the repairs are done.",  # not an upper-case speaker label
        "UPDATE: The bridge will reopen in May, after the repairs are done.",  # a label of not_speakers.txt
        "US: the bridge will reopen in May, after the repairs are done.",  # no capitalised speech after the colon
        "The bridge \u2015 closed since May \u2015 will reopen after the repairs are done.",  # a dash in narration
    ],
)
def test_no_source_without_a_signature(body: str) -> None:
    text = LEAD + body
    in_body = [a for a in extract_attributions(text) if a.source is not None and a.source.start >= len(LEAD)]
    assert in_body == []


def test_two_apostrophes_are_one_quotation_mark_with_both_offsets() -> None:
    text = LEAD + "''It is more tinkering at the edges,'' said Alan Cole, an economist."
    seg = split_segments(text)[-1]
    assert seg.quotes and seg.quotes[0][0] == 0
    opening = seg.tokens[0]
    assert (opening.text, text[opening.start : opening.end]) == ('"', "''")
    att = _by_source(text, "Alan Cole, an economist")
    assert text[att.content[0].start : att.content[-1].end] == "''It is more tinkering at the edges,''"


def test_a_single_apostrophe_stays_an_apostrophe() -> None:
    seg = split_segments(LEAD + "The players' union said the season would start in May.")[-1]
    assert all(t.text != '"' for t in seg.tokens)


@pytest.mark.parametrize("rules_only", [True, False])
def test_a_short_quote_with_a_contraction_is_read_as_a_sentence(rules_only: bool) -> None:
    """ "It’s" and "non-combat" are words: a short signed quote is prose, not garbage to skip."""
    text = LEAD + "\u201cIt\u2019s gutless leadership,\u201d Warren said."
    assert ("Warren", "said") in _attributions(text, rules_only=rules_only)

"""Attribution forms, coreference, nesting and determinism on short sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.attribution import classify_mention, extract_story
from scoring.claims import Story
from scoring.pipeline import score_story

ARTICLES = Path(__file__).resolve().parents[3] / "fixtures" / "articles"
SEED = ARTICLES / "laos-kursk.txt"


def _source_of(story: Story, fragment: str) -> str:
    """Mention of the first source of the claim containing ``fragment``."""
    for claim in story.claims:
        if fragment in claim.text:
            return claim.sources[0].mention if claim.sources else ""
    raise AssertionError(f"no claim with {fragment!r}: {[c.text for c in story.claims]}")


@pytest.mark.parametrize(
    ("text", "fragment", "mention"),
    [
        ("The mayor said the bridge would reopen.", "bridge would reopen", "The mayor"),
        ("The bridge would reopen, the mayor said.", "bridge would reopen", "the mayor"),
        ("“The bridge will reopen,” said the mayor.", "bridge will reopen", "the mayor"),
        ("The mayor said on Thursday that the bridge would reopen.", "bridge would reopen", "The mayor"),
        ("According to the mayor, the bridge will reopen.", "bridge will reopen", "the mayor"),
        ("The bridge will reopen, according to city engineers.", "bridge will reopen", "city engineers"),
        ("The mayor told Reuters that the bridge would reopen.", "bridge would reopen", "The mayor"),
        ("In a statement, the ministry said the bridge would reopen.", "bridge would reopen", "the ministry"),
        ("The ministry denied that the bridge was unsafe.", "bridge was unsafe", "The ministry"),
        ("The mayor was quoted as saying the bridge would reopen.", "bridge would reopen", "The mayor"),
        ("The bridge will reopen, citing people familiar with the matter.", "bridge will reopen", ""),
        ("Mayor Lina Park: “The bridge will reopen.”", "bridge will reopen", "Mayor Lina Park"),
        ("“The bridge will reopen.” – Lina Park", "bridge will reopen", "Lina Park"),
        ("“The bridge will reopen,” Ana Ruiz, 25, said as she left.", "bridge will reopen", "Ana Ruiz, 25"),
        (
            "But Tom Vale, an engineer at Harlow & Co, who advises the city, said the bridge would reopen.",
            "bridge would reopen",
            "Tom Vale, an engineer at Harlow & Co, who advises the city",
        ),
        (
            "“The bridge will reopen,” said Ana Ruiz, a lawyer for the council, who has followed the case.",
            "bridge will reopen",
            "Ana Ruiz, a lawyer for the council, who has followed the case",
        ),
        (
            "The bridge will reopen, according to Ana Ruiz, head of the city's roads office.",
            "bridge will reopen",
            "Ana Ruiz, head of the city's roads office",
        ),
        (
            "Mayor Lina Park spoke on Tuesday about the floods, saying the bridge would reopen.",
            "bridge would reopen",
            "Mayor Lina Park",
        ),
        ("Tom Vale, speaking to engineers in Leeds, said the bridge would reopen.", "bridge would reopen", "Tom Vale"),
    ],
)
def test_forms(text: str, fragment: str, mention: str) -> None:
    """Each common attribution form finds the source and strips the frame from the claim."""
    story = extract_story(text)
    got = _source_of(story, fragment)
    if mention:
        assert got == mention
    claim = next(c for c in story.claims if fragment in c.text)
    assert "said" not in claim.text and "according" not in claim.text


def test_pronoun_and_definite_description_reuse_source() -> None:
    """ "He added", "the agency" and a surname resolve to the earlier source."""
    text = (
        "Kremlin spokesman Dmitry Peskov said talks were possible. He added that no date was set.\n"
        "Peskov also said sanctions had failed.\n"
        "The Federal Aviation Agency (FAA) grounded the jets. The agency said checks would take a week."
    )
    story = extract_story(text)
    ids = {c.text: c.sources[0].id for c in story.claims if c.sources}
    assert ids["talks were possible"] == ids["no date was set"] == ids["sanctions had failed"]
    first = next(s for s in story.sources if "Peskov" in s.mention)
    assert (first.name, first.role, first.organisation) == ("Dmitry Peskov", "spokesman", "Kremlin")


def test_colon_introduces_next_paragraph() -> None:
    """A speaker introduced with a colon ("Lina Park added:") says the next paragraph."""
    story = extract_story("Lina Park added:\n\nThe bridge will reopen in May.\n\nThe river rose again.")
    assert _source_of(story, "bridge will reopen") == "Lina Park"
    assert _source_of(story, "river rose") == ""


def test_reported_event_is_not_an_attribution() -> None:
    """An action ("the council approved …") is a claim with no source, not a statement of the council."""
    story = extract_story("The city council approved the harbour budget on Tuesday. Officials said fares would fall.")
    assert _source_of(story, "harbour budget") == ""


def test_unattributed_claims_are_kept() -> None:
    """Sentences with no attribution become claims with no sources."""
    story = extract_story("The river flooded the town. Officials said two roads were closed.")
    assert story.claims[0].sources == ()
    assert story.claims[1].sources[0].mention == "Officials"


def test_headline_gives_no_claim() -> None:
    """Headlines are skipped."""
    story = extract_story("Floods Close Roads Across the Valley\n\nOfficials said two roads were closed.")
    assert len(story.claims) == 1


def test_nested_relay() -> None:
    """The relay is the mention and the origin it repeats is ``citing``, as in the spine."""
    story = extract_story("Egyptian security sources quoted by a British newspaper said the truce held.")
    source = story.claims[0].sources[0]
    assert source.mention == "a British newspaper" and source.citing == "Egyptian security sources"


def test_deterministic() -> None:
    """The same text always gives the same story."""
    text = SEED.read_text(encoding="utf-8")
    assert extract_story(text) == extract_story(text)
    assert repr(extract_story(text)) == repr(extract_story(text))


@pytest.mark.parametrize(
    ("mention", "kind"),
    [
        ("Dmitry Peskov", "named individual"),
        ("Kremlin spokesman Dmitry Peskov", "named individual"),
        ("the Laotian Ministry of Defense", "named organization"),
        ("NATO", "named organization"),
        ("a report by the Alpine Monitoring Network", "document"),
        ("people familiar with the matter", "anonymous individual"),
        ("two sources close to the talks", "anonymous individual"),
        ("U.S. officials", "unnamed group"),
        ("some Democrats", "unnamed group"),
        ("the senator", "named individual"),
        ("Smith, a professor of economics at Yale", "named individual"),
        ("Acme, a chip maker based in Ohio", "named organization"),
        ("the executive order", "document"),
        ("research conducted by the Center for Media and Public Affairs", "document"),
        ("the review board", "named organization"),
        ("a NATO official", "anonymous individual"),
        ("a spokesperson from Vientiane", "anonymous individual"),
        ("a senior official who spoke on condition of anonymity", "anonymous individual"),
    ],
)
def test_classify_mention(mention: str, kind: str) -> None:
    """The kind of source follows the lexicon and capitalisation."""
    assert classify_mention(mention) == kind


@pytest.mark.parametrize(
    ("text", "mention", "citing", "party", "anonymous"),
    [
        (
            "Egyptian security sources quoted by a British newspaper said the truce held.",
            "a British newspaper",
            "Egyptian security sources",
            "Egypt",
            True,
        ),
        (
            "Reports citing U.S. officials speaking on condition of anonymity said the truce was fragile.",
            "Reports",
            "U.S. officials speaking on condition of anonymity",
            "United States",
            True,
        ),
        ("CNN, citing Reuters, said the talks had collapsed.", "CNN", "Reuters", "Reuters", False),
        ("The talks collapsed, CNN reported, citing Reuters.", "CNN", "Reuters", "Reuters", False),
    ],
)
def test_relay_follows_the_spine(text: str, mention: str, citing: str, party: str, anonymous: bool) -> None:
    """``mention`` is the relay and ``citing`` the origin; the spine then credits the origin's party."""
    story = extract_story(text)
    source = story.claims[0].sources[0]
    assert (source.mention, source.citing) == (mention, citing)
    scored = score_story(story)["sources"][0]
    assert scored["affiliation"]["party"] == party and scored["anonymous"] is anonymous
    assert scored["relayed_by"] == [mention]


def test_restated_claims_support_each_other() -> None:
    """Two sources saying the same thing in different sentences are linked by ``supported_by``."""
    text = (ARTICLES / "transport-port.txt").read_text(encoding="utf-8")
    report = score_story(extract_story(text))
    first = next(c for c in report["claims"] if "from Monday" in c["text"])
    again = next(c for c in report["claims"] if "would close to cargo ships" in c["text"])
    assert again["id"] in first["supported_by"] and first["id"] in again["supported_by"]
    assert first["source_ids"] != again["source_ids"]

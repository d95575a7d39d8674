"""How sources are classified, and how a claim's anonymity score combines them."""

from __future__ import annotations

import pytest

from scoring import Scorer
from scoring.anonymity import Kind, classify, score_claim
from scoring.claims import Source
from scoring.mentions import read_mention


@pytest.mark.parametrize(
    ("mention", "kind"),
    [
        ("a Ukrainian intelligence officer", Kind.UNNAMED_OFFICIAL),
        ("a U.S. State Department official", Kind.UNNAMED_OFFICIAL),
        ("a NATO official", Kind.UNNAMED_OFFICIAL),
        ("two U.S. officials", Kind.UNNAMED_OFFICIAL),
        ("a senior executive at Orvano Airlines", Kind.UNNAMED_OFFICIAL),
        ("people familiar with the matter", Kind.UNNAMED_SOURCE),
        ("sources", Kind.UNNAMED_SOURCE),
        ("analysts", Kind.UNNAMED_SOURCE),
        ("intelligence officials", Kind.UNNAMED_SOURCE),
        ("eyewitness posts on social media", Kind.UNNAMED_SOURCE),
        ("a source close to the player", Kind.UNNAMED_SOURCE),
        ("reports", Kind.UNNAMED_SOURCE),
        ("a spokesperson from Vientiane", Kind.UNNAMED_SPOKESPERSON),
        ("a Nimbus Pay spokesperson", Kind.UNNAMED_SPOKESPERSON),
        ("the Laotian Ministry of Defense", Kind.NAMED_ORGANISATION),
        ("Ukraine's military intelligence service (HUR)", Kind.NAMED_ORGANISATION),
        ("Reuters", Kind.NAMED_ORGANISATION),
        ("Southeast Asia defense analyst Dr. Mark Ling", Kind.NAMED_PERSON),
        ("Kremlin spokesman Dmitry Peskov", Kind.NAMED_PERSON),
        ("court filings", Kind.DOCUMENT),
        ("satellite images", Kind.DOCUMENT),
        ("a Reuters report", Kind.DOCUMENT),
        ("the official transcript of the meeting", Kind.DOCUMENT),
        ("a senior official who spoke on condition of anonymity", Kind.UNNAMED_SOURCE),
        ("a Kremlin official who was not authorized to speak publicly", Kind.UNNAMED_OFFICIAL),
        ("a Pentagon spokesman who asked not to be named", Kind.UNNAMED_OFFICIAL),
    ],
)
def test_kinds(mention: str, kind: Kind, scorer: Scorer) -> None:
    got = classify(read_mention(Source(id="s", mention=mention), scorer.knowledge))
    assert got.kind is kind, got.reason


def test_only_officials_and_vague_sources_are_anonymous() -> None:
    assert {k for k in Kind if k.anonymous} == {Kind.UNNAMED_OFFICIAL, Kind.UNNAMED_SOURCE}


def test_declared_types_are_honoured(scorer: Scorer) -> None:
    source = Source(id="s", name="Halvorsen Logistics", type="company")
    assert classify(read_mention(source, scorer.knowledge), "company").kind is Kind.NAMED_ORGANISATION
    source = Source(id="s", name="Jane Moreau", type="person")
    assert classify(read_mention(source, scorer.knowledge), "person").kind is Kind.NAMED_PERSON


def test_named_plus_anonymous_is_less_anonymous_than_anonymous_alone() -> None:
    alone = score_claim([("officer", Kind.UNNAMED_OFFICIAL)]).score
    mixed = score_claim([("officer", Kind.UNNAMED_OFFICIAL), ("minister", Kind.NAMED_PERSON)]).score
    vague = score_claim([("sources", Kind.UNNAMED_SOURCE)]).score
    assert 0 < mixed < alone < vague == 1.0


def test_on_record_support_scores_zero_and_says_so() -> None:
    result = score_claim([("Reuters", Kind.NAMED_ORGANISATION), ("filings", Kind.DOCUMENT)])
    assert result.score == 0.0
    assert "on the record" in result.reasons[0]


def test_reasons_name_the_anonymous_sources() -> None:
    result = score_claim([("a NATO official", Kind.UNNAMED_OFFICIAL)])
    assert '"a NATO official"' in result.reasons[0]

"""Who speaks for whom: resolution of single sources and story-level merging."""

from __future__ import annotations

from typing import Any

import pytest

from scoring import Scorer, story_from_dict
from scoring.claims import Source
from scoring.mentions import read_mention
from scoring.parties import resolve


def _party(scorer: Scorer, **fields: Any) -> tuple[str, str]:
    source = Source(id="s", **fields)
    party = resolve(read_mention(source, scorer.knowledge), source.type, source.party, scorer.knowledge)
    return party.name, party.type


@pytest.mark.parametrize(
    ("mention", "party"),
    [
        ("the Laotian Ministry of Defense", "Laos"),
        ("a spokesperson from Vientiane", "Laos"),
        ("officials in Vientiane", "Laos"),
        ("Ukraine's military intelligence service (HUR)", "Ukraine"),
        ("HUR", "Ukraine"),
        ("a Ukrainian intelligence officer", "Ukraine"),
        ("the Kremlin", "Russia"),
        ("Kremlin spokesman Dmitry Peskov", "Russia"),
        ("a U.S. State Department official", "United States"),
        ("the Pentagon", "United States"),
        ("a NATO official", "NATO"),
        ("TASS", "Russia"),
        ("CNN, citing Reuters", "Reuters"),
        ("according to a report in the Wall Street Journal", "The Wall Street Journal"),
        ("Southeast Asia defense analyst Dr. Mark Ling", "Mark Ling"),
        ("the Spanish retail association ANGED", "ANGED"),
        ("a spokesperson for Acme Corp", "Acme Corp"),
        ("people familiar with the matter", "Unidentified sources"),
    ],
)
def test_resolution(mention: str, party: str, scorer: Scorer) -> None:
    assert _party(scorer, mention=mention)[0] == party


def test_citing_field_makes_the_origin_the_party(scorer: Scorer) -> None:
    assert _party(scorer, name="Le Monde", type="outlet", citing="Reuters") == ("Reuters", "outlet")


def test_unknown_organisation_is_its_own_party(scorer: Scorer) -> None:
    assert _party(scorer, name="Brightwater Freight", type="company") == ("Brightwater Freight", "company")


def test_named_expert_is_independent(scorer: Scorer) -> None:
    assert _party(scorer, mention="Dr. Jane Moreau, an economist") == ("Jane Moreau", "expert")


def test_declared_party_wins(scorer: Scorer) -> None:
    assert _party(scorer, mention="a senior aide", party="Ukraine")[0] == "Ukraine"


def _parties(scorer: Scorer, claims: list[dict[str, object]]) -> dict[str, str]:
    report = scorer.score(story_from_dict({"claims": claims}))
    return {s["mention"]: s["affiliation"]["party"] for s in report["sources"]}


def test_story_merges_short_and_full_names(scorer: Scorer) -> None:
    parties = _parties(
        scorer,
        [
            {
                "text": "Halvorsen Logistics is not in talks to buy Brightwater.",
                "sources": [{"mention": "a Halvorsen spokeswoman"}],
            },
            {
                "text": "Halvorsen Logistics reported record revenue.",
                "sources": [{"name": "Halvorsen Logistics", "type": "company"}],
            },
        ],
    )
    assert parties == {"a Halvorsen spokeswoman": "Halvorsen Logistics", "Halvorsen Logistics": "Halvorsen Logistics"}


def test_body_without_country_joins_the_story_state(scorer: Scorer) -> None:
    parties = _parties(
        scorer,
        [
            {"text": "Cholera cases rose to 412.", "sources": [{"mention": "Zambia's Ministry of Health"}]},
            {"text": "Supplies are adequate.", "sources": [{"mention": "a Ministry of Health spokesperson"}]},
            {"text": "Clinics are overwhelmed.", "sources": [{"mention": "district officials"}]},
        ],
    )
    assert set(parties.values()) == {"Zambia"}


def test_body_without_country_stays_apart_when_the_story_has_two_states(scorer: Scorer) -> None:
    parties = _parties(
        scorer,
        [
            {"text": "Troops crossed the border.", "sources": [{"mention": "the Laotian Ministry of Defense"}]},
            {"text": "Troops did not cross.", "sources": [{"mention": "a Ukrainian intelligence officer"}]},
            {"text": "Talks continue.", "sources": [{"mention": "intelligence officials"}]},
        ],
    )
    assert parties["intelligence officials"] == "Unidentified sources"

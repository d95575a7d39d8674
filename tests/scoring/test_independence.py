"""Independence counts parties, discounts stakes and rewards agreement across sides."""

from __future__ import annotations

from scoring import Scorer, story_from_dict
from scoring.independence import Backer, score_claim
from scoring.parties import UNIDENTIFIED, Party

LAOS = Party("state:la", "Laos", "government")
UKRAINE = Party("state:ua", "Ukraine", "government")
LING = Party("person:mark-ling", "Mark Ling", "expert")
REUTERS = Party("outlet:reuters", "Reuters", "outlet")
NOBODY = Party(UNIDENTIFIED, "Unidentified sources", UNIDENTIFIED)


def _score(
    *parties: Party, stakes: dict[str, str] | None = None, opposed: frozenset[frozenset[str]] = frozenset()
) -> float:
    backers = [Backer(p, (p.name,)) for p in parties]
    return score_claim(backers, stakes or {}, opposed).score


def test_more_parties_more_independence() -> None:
    assert 0 == _score() < _score(LING) < _score(LING, REUTERS)


def test_interested_and_unidentified_count_half() -> None:
    assert _score(LAOS, stakes={LAOS.id: "subject"}) < _score(LAOS)
    assert _score(NOBODY) < _score(LING)


def test_opposed_agreement_is_strong() -> None:
    stakes = {LAOS.id: "side", UKRAINE.id: "side"}
    opposed = frozenset({frozenset({LAOS.id, UKRAINE.id})})
    agree = score_claim([Backer(LAOS, ("ministry",)), Backer(UKRAINE, ("HUR",))], stakes, opposed)
    assert agree.opposed_agreement
    assert agree.score > _score(LAOS, UKRAINE, stakes=stakes)
    assert any("opposite sides" in reason for reason in agree.reasons)


def test_relays_count_once(scorer: Scorer) -> None:
    outlets = ["CNN, citing Reuters", "BBC, citing Reuters", "Le Monde, citing Reuters", "Reuters"]
    report = scorer.score(
        story_from_dict(
            {
                "claims": [
                    {"text": "Voltra will cut 3,000 jobs.", "sources": [{"mention": m} for m in outlets]},
                    {
                        "text": "Voltra will close the Kassel plant.",
                        "sources": [
                            {"name": "Voltra Motors", "type": "company"},
                            {"name": "IG Metall", "type": "organisation"},
                        ],
                    },
                ]
            }
        )
    )
    relayed, confirmed = report["claims"]
    assert relayed["independence"]["parties"] == ["Reuters"]
    assert any("only relay Reuters" in r for r in relayed["independence"]["reasons"])
    assert confirmed["independence"]["score"] > relayed["independence"]["score"]


def test_restatements_share_their_parties(scorer: Scorer) -> None:
    report = scorer.score(
        story_from_dict(
            {
                "claims": [
                    {
                        "text": "Voltra Motors will cut about 3,000 jobs at its German plants.",
                        "sources": [{"mention": "Reuters"}],
                    },
                    {
                        "text": "Voltra Motors will cut about 3,000 jobs at German plants.",
                        "sources": [{"mention": "IG Metall"}],
                    },
                ]
            }
        )
    )
    assert sorted(report["claims"][0]["independence"]["parties"]) == ["IG Metall", "Reuters"]

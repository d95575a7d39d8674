"""The pairwise rules: each kind of contradiction, restatement, and near misses."""

from __future__ import annotations

import pytest

from scoring import Scorer, story_from_dict
from scoring.conflict import Judgement, RuleScorer
from scoring.statements import Statement


def _relations(scorer: Scorer, *texts: str) -> dict[str, object]:
    report = scorer.score(story_from_dict({"claims": [{"text": t} for t in texts]}))
    return {"conflicts": report["conflicts"], "claims": report["claims"]}


CONFLICTS = [
    # contrast pairs of incompatible descriptions
    (
        "The engineers are on a strictly non-combat demining mission.",
        "The engineers are helping fortify positions and maintain supply routes.",
        ["non-combat", "fortify"],
    ),
    (
        "The Il-76 made a purely humanitarian delivery of flour to Niamey.",
        "The Il-76 flight to Niamey was a military delivery of air-defence parts.",
        ["humanitarian", "military"],
    ),
    # negation of a shared predicate
    ("Acme is in talks to buy Beta Corp.", "Acme is not in talks to buy Beta Corp.", ["talks"]),
    ("The drills are routine and pose no threat.", "The drills are not routine and pose a threat.", ["routine"]),
    # explicit denial
    (
        "Minister Serov has submitted his resignation.",
        "The Kremlin dismissed reports of Serov's resignation as fake news.",
        ["dismissed", "fake news"],
    ),
    # numbers about the same quantity
    (
        "The contingent is small, estimated at fewer than 200 troops.",
        "About 1,000 troops make up the contingent.",
        ["fewer than 200", "1,000"],
    ),
    (
        "At least 120 civilians were killed in the market strike.",
        "Thirty civilians were killed in the market strike.",
        ["120", "thirty"],
    ),
    (
        "The outage was fully resolved within 40 minutes for customers.",
        "Customers could not pay for more than three hours.",
        ["40", "three"],
    ),
    # percentages whose own clauses match, whoever each claim is attributed to
    (
        "Turnout in the referendum was 61 percent, the electoral commission and the government's observers said.",
        "Turnout in the referendum was 44 percent, the opposition and an independent polling firm said.",
        ["61", "44"],
    ),
    ("Turnout was 61%, the election commission said.", "Turnout was 44%, observers said.", ["61%", "44%"]),
    # places
    (
        "The stolen painting is now in France, investigators believe.",
        "The stolen painting is now in Italy, investigators believe.",
        ["france", "italy"],
    ),
]


@pytest.mark.parametrize(("a", "b", "words"), CONFLICTS)
def test_conflicts_are_found_with_their_words(scorer: Scorer, a: str, b: str, words: list[str]) -> None:
    found = _relations(scorer, a, b)["conflicts"]
    assert isinstance(found, list) and len(found) == 1, found
    reason = " ".join(found[0]["reasons"]).lower()
    for word in words:
        assert word in reason


NOT_CONFLICTS = [
    ("Laos sent military engineers to Kursk.", "The engineers are on a non-combat demining mission."),
    ("Acme denied it was in talks.", "Beta Corp declined to comment on the talks."),
    ("About 1,000 troops arrived in March.", "Nearly 1,050 troops arrived in March."),
    ("Polaris put the party on 21 percent.", "A Meridian poll published on Thursday put the party four points ahead."),
    ("Turnout in the north was 61%, officials said.", "Turnout in the south was 44%, officials said."),
    ("Unemployment was 5%, the ministry said.", "Inflation was 3%, the ministry said."),
    ("The striker will not leave Rennvik this summer.", "Rennvik have not agreed a fee for the striker."),
    (
        "The painting was stolen in France.",
        "Police in France are questioning two suspects about an unrelated burglary.",
    ),
]


@pytest.mark.parametrize(("a", "b"), NOT_CONFLICTS)
def test_near_misses_are_not_conflicts(scorer: Scorer, a: str, b: str) -> None:
    assert _relations(scorer, a, b)["conflicts"] == []


def test_restatements_support_each_other(scorer: Scorer) -> None:
    claims = _relations(
        scorer,
        "Voltra Motors will cut about 3,000 jobs at its German plants.",
        "Voltra Motors will cut about 3,000 jobs at German plants by next year.",
    )["claims"]
    assert isinstance(claims, list)
    assert claims[0]["supported_by"] == ["c2"] and claims[1]["supported_by"] == ["c1"]


class AlwaysConflict:
    """A stand-in trained model: the protocol is all the detector needs."""

    name = "always"

    def judge(self, a: Statement, b: Statement, similarity: float) -> Judgement:
        return Judgement("conflict", 0.9, (f"model says {a.claim_id} and {b.claim_id} clash",), ("model",))


def test_extra_scorers_plug_in_beside_the_rules() -> None:
    scorer = Scorer(extra_scorers=[AlwaysConflict()])
    report = scorer.score(
        story_from_dict(
            {"claims": [{"text": "Acme shares rose on Monday."}, {"text": "Acme shares were traded on Monday."}]}
        )
    )
    assert report["conflicts"][0]["reasons"] == ["model says c1 and c2 clash"]


def test_rule_scorer_is_a_pair_scorer(scorer: Scorer) -> None:
    rules = RuleScorer(scorer.knowledge)
    assert rules.name == "rules"

"""The shipped model on hand-written pairs: disputes are conflicts, restatements and hedges are not."""

from __future__ import annotations

import pytest

from scoring.claims import Claim
from scoring.knowledge import Knowledge
from scoring.stance import ModelScorer
from scoring.statements import Statement, read_statement

DISPUTES = [
    (
        "A man lived in the airport terminal for a year.",
        "The airport says the story of a man living in its terminal for a year is a hoax.",
    ),
    (
        "The singer has cancelled her world tour.",
        "The singer's manager denied reports that the world tour was cancelled, calling them false.",
    ),
    (
        "A shark was spotted swimming in the flooded street.",
        "The photo of a shark swimming in a flooded street is fake, experts say.",
    ),
]
AGREEMENTS = [
    ("A man lived in the airport terminal for a year.", "Man lived in airport terminal for twelve months."),
    ("The singer has cancelled her world tour.", "Singer cancels the rest of her world tour."),
]
HEDGES = [
    ("The singer has cancelled her world tour.", "The singer has reportedly cancelled her world tour, sources claim."),
]
UNRELATED = [
    ("The singer has cancelled her world tour.", "The central bank raised interest rates by half a point."),
]


def _statements(knowledge: Knowledge, a: str, b: str) -> tuple[Statement, Statement]:
    return read_statement(Claim("c1", a), knowledge), read_statement(Claim("c2", b), knowledge)


def _judge(model: ModelScorer, knowledge: Knowledge, a: str, b: str) -> tuple[str, float, tuple[str, ...]]:
    first, second = _statements(knowledge, a, b)
    judged = model.judge(first, second, 0.0)
    return judged.relation, max(model.probabilities([(first, second)])[0]), judged.reasons


@pytest.mark.parametrize(("a", "b"), DISPUTES[1:])
def test_disputes_are_conflicts_with_a_reason(model: ModelScorer, knowledge: Knowledge, a: str, b: str) -> None:
    relation, probability, reasons = _judge(model, knowledge, a, b)
    assert relation == "conflict", probability
    assert "c2 as disputing c1" in reasons[0] and "strongest:" in reasons[0]


@pytest.mark.parametrize(("a", "b"), AGREEMENTS + HEDGES + UNRELATED)
def test_agreements_hedges_and_unrelated_pairs_are_not(
    model: ModelScorer, knowledge: Knowledge, a: str, b: str
) -> None:
    relation, probability, _ = _judge(model, knowledge, a, b)
    assert relation == "neutral", probability


def test_a_dispute_is_more_likely_than_a_restatement(model: ModelScorer, knowledge: Knowledge) -> None:
    # The model speaks only when very sure (cross-validated recall is low): this dispute stays
    # below the threshold, but it still reads as far more likely a dispute than a restatement.
    dispute = max(model.probabilities([_statements(knowledge, *DISPUTES[0])])[0])
    restatement = max(model.probabilities([_statements(knowledge, *AGREEMENTS[0])])[0])
    assert dispute > restatement + 0.3


def test_two_negative_claims_are_left_to_the_rules(model: ModelScorer, knowledge: Knowledge) -> None:
    pair = _statements(knowledge, "The club denied the striker's move.", "The clubs have not agreed a striker's fee.")
    assert model.judge_all([(*pair, 0.0)])[0].relation == "neutral"


def test_batch_and_single_judgements_agree(model: ModelScorer, knowledge: Knowledge) -> None:
    pairs = [(*_statements(knowledge, a, b), 0.0) for a, b in DISPUTES + AGREEMENTS + HEDGES + UNRELATED]
    assert model.judge_all(pairs) == [model.judge(a, b, s) for a, b, s in pairs]

"""Numbers become ranges tied to what they count."""

from __future__ import annotations

import math

import pytest

from scoring import Scorer
from scoring.quantities import find_quantities
from scoring.tokens import tokenize


def _one(scorer: Scorer, text: str) -> tuple[float, float, str]:
    found = find_quantities(tokenize(text), text, scorer.knowledge)
    assert len(found) == 1, found
    return found[0].low, found[0].high, found[0].unit


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("fewer than 200 troops", 0, 200, "troops"),
        ("at least 120 civilians were killed", 120, math.inf, "casualties"),
        ("about 1,000 troops", 925, 1075, "troops"),
        ("hundreds of soldiers", 200, 999, "troops"),
        ("within 40 minutes", 0, 40, "duration"),
        ("for more than three hours", 180, math.inf, "duration"),
        ("2.5 million barrels", 2.5e6 * 159 * 0.98, 2.5e6 * 159 * 1.02, "volume"),
        ("42 people died", 42 * 0.98, 42 * 1.02, "people"),
    ],
)
def test_ranges(scorer: Scorer, text: str, low: float, high: float, unit: str) -> None:
    got_low, got_high, got_unit = _one(scorer, text)
    assert got_unit == unit
    assert got_low == pytest.approx(low) and got_high == pytest.approx(high)


def test_years_are_not_counts(scorer: Scorer) -> None:
    text = "The plant will close in 2026."
    assert find_quantities(tokenize(text), text, scorer.knowledge) == []


def test_a_number_at_the_end_takes_the_noun_before_it(scorer: Scorer) -> None:
    assert _one(scorer, "The number of Laotian troops is small, estimated at fewer than 200.")[2] == "troops"


def test_a_figure_knows_the_words_of_its_own_clause(scorer: Scorer) -> None:
    """What a percentage measures comes from its clause, not from the attribution after the comma."""
    text = "Turnout in the referendum was 61 percent, the electoral commission said."
    (found,) = find_quantities(tokenize(text), text, scorer.knowledge)
    assert found.about == {"turnout", "referendum"}

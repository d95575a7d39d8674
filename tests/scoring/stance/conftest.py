"""Fixtures of the stance tests: the tiny hand-written corpus and the shipped model."""

from __future__ import annotations

import csv
import hashlib

import pytest

from scoring.knowledge import Knowledge, load_knowledge
from scoring.stance import ModelScorer
from scoring.stance.data import StancePair
from scoring.stance.training import Corpora
from tests.conftest import FIXTURES

PAIRS = FIXTURES / "stance" / "pairs.csv"


def tiny_corpora() -> Corpora:
    """The fixture corpus split as training expects it."""
    with PAIRS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))

    def pick(corpus: str, split: str) -> list[StancePair]:
        return [
            StancePair(r["a"], r["b"], r["stance"], r["group"])
            for r in rows
            if r["corpus"] == corpus and r["split"] == split
        ]

    return Corpora(
        fnc_train=pick("fnc", "train"),
        fnc_holdout=pick("fnc", "holdout"),
        emergent=pick("emergent", "train"),
        sources={"fixtures/stance/pairs.csv": hashlib.sha256(PAIRS.read_bytes()).hexdigest()},
    )


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge()


@pytest.fixture(scope="session")
def model(knowledge: Knowledge) -> ModelScorer:
    """The shipped, verified model."""
    return ModelScorer.from_artifact(knowledge)

"""Shared fixtures: the project's fixture stories and a scorer built once per session."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scoring import Scorer

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def load_fixture(relative: str) -> Any:
    """A JSON fixture by path relative to ``fixtures/``."""
    return json.loads((FIXTURES / relative).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def scorer() -> Scorer:
    """One pipeline for the whole run: it holds no per-story state."""
    return Scorer()

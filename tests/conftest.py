"""Shared fixtures: the project's fixture stories and a scorer built once per session."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from scoring import Scorer

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

_DATA_DIR: list[tempfile.TemporaryDirectory[str]] = []


def pytest_configure(config: pytest.Config) -> None:
    """Point any app a test builds without its own database at a throwaway one, never the repository."""
    del config
    if "CREDSCORE_DATABASE_URL" not in os.environ:
        _DATA_DIR.append(tempfile.TemporaryDirectory(prefix="credscore-tests-"))
        os.environ["CREDSCORE_DATABASE_URL"] = f"sqlite:///{Path(_DATA_DIR[0].name) / 'credscore.db'}"


def pytest_unconfigure(config: pytest.Config) -> None:
    del config
    if _DATA_DIR:
        os.environ.pop("CREDSCORE_DATABASE_URL", None)
        _DATA_DIR.pop().cleanup()


def load_fixture(relative: str) -> Any:
    """A JSON fixture by path relative to ``fixtures/``."""
    return json.loads((FIXTURES / relative).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def scorer() -> Scorer:
    """One pipeline for the whole run: it holds no per-story state."""
    return Scorer()

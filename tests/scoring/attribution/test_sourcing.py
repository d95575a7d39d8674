"""The kind of source of single sourced statements (fixtures/attribution/source-types.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.attribution import KINDS
from scoring.attribution.sourcing import FALLBACK_KIND, statement_source_kind

TABLE = Path(__file__).resolve().parents[3] / "fixtures" / "attribution" / "source-types.tsv"


def _cases() -> list[tuple[str, str]]:
    """(expected kind, statement) rows of the fixture."""
    rows = [line.split("\t") for line in TABLE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [(kind, statement) for kind, statement in rows[1:]]


def test_fixture_covers_every_kind() -> None:
    """Each of the five kinds has several statements."""
    kinds = [kind for kind, _ in _cases()]
    assert set(kinds) == set(KINDS)
    assert min(kinds.count(k) for k in KINDS) >= 5


@pytest.mark.parametrize(("kind", "statement"), _cases())
def test_statement_source_kind(kind: str, statement: str) -> None:
    """The kind of the statement's source follows its wording."""
    assert statement_source_kind(statement) == kind


def test_unattributed_statement_falls_back() -> None:
    """A statement with no attribution gets the fallback kind."""
    assert statement_source_kind("The bridge reopened on Monday after repairs.") == FALLBACK_KIND


def test_bare_name_called_it_is_an_organisation() -> None:
    """A bare name is a surname unless the statement calls the source "it"."""
    assert statement_source_kind("Nimbus said it would appeal the decision.") == "named organization"
    assert statement_source_kind("Okafor said he would appeal the decision.") == "named individual"

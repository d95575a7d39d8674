"""``credscore labels import`` reports accepted and rejected rows, and a second run adds nothing."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from api.cli import main
from tests.conftest import FIXTURES


def test_import_summarises_and_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    args = ["labels", "import", str(FIXTURES / "labels" / "labels.jsonl"), "--format", "jsonl", "--database", url]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "accepted 3, already present 0, rejected 6" in first.output
    assert "row 5: verdict:" in first.output
    again = CliRunner().invoke(main, args)
    assert "accepted 0, already present 3, rejected 6" in again.output
    listing = CliRunner().invoke(main, ["models", "list", "--database", url])
    assert listing.exit_code == 0 and "default model" in listing.output

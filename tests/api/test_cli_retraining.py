"""``credscore labels import`` reports accepted and rejected rows, and a second run adds nothing."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from api.cli import main
from api.store import open_store
from tests.conftest import FIXTURES


def test_import_summarises_and_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    args = ["labels", "import", str(FIXTURES / "labels" / "labels.jsonl"), "--format", "jsonl", "--database", url]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "accepted 4, already present 0, rejected 7" in first.output
    assert "row 5: verdict:" in first.output
    again = CliRunner().invoke(main, args)
    assert "accepted 0, already present 4, rejected 7" in again.output
    listing = CliRunner().invoke(main, ["models", "list", "--database", url])
    assert listing.exit_code == 0 and "default model" in listing.output


def test_a_liar_import_keeps_subjects_job_and_state(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'liar.db'}"
    args = ["labels", "import", str(FIXTURES / "labels" / "liar.tsv"), "--format", "liar", "--database", url]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and "accepted 3, already present 0, rejected 2" in result.output, result.output
    store = open_store(url)
    stored = {x.story_id: x for x in store.labels.snapshot()}
    store.close()
    assert stored["1.json"].subjects == ("economy", "jobs") and stored["1.json"].job == "Governor"
    assert stored["1.json"].state == "Texas"
    assert stored["2.json"].subjects == ("space",) and stored["2.json"].job == "" and stored["2.json"].state == ""
    assert stored["5.json"].subjects == ("health-care", "taxes", "states") and stored["5.json"].state == "Ohio"

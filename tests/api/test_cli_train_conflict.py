"""`credscore train-conflict` explains missing data instead of failing deep inside training."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from api.cli import main


def test_train_conflict_without_data_says_where_to_point_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["train-conflict", "--data", str(tmp_path), "--out", str(tmp_path / "m.skops")])
    assert result.exit_code == 1
    assert "missing fnc-1/train_stances.csv" in result.output
    assert "--data" in result.output
    assert not (tmp_path / "m.skops").exists()

"""The ``credscore`` command line: JSON in, JSON out, clear errors, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import MAX_INPUT_BYTES, main
from scoring.training.default import default_model
from tests.conftest import FIXTURES


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_score_rejects_unknown_fields_in_a_file(runner: CliRunner) -> None:
    result = runner.invoke(main, ["score", str(FIXTURES / "stories" / "laos-kursk.json")])
    assert result.exit_code == 1  # the fixture carries an `expect` block: an unknown field
    assert "expect" in result.output


def test_score_reads_stdin(runner: CliRunner) -> None:
    story = {
        "claims": [
            {"text": "Acme is in talks to buy Beta.", "sources": [{"mention": "people familiar with the matter"}]},
            {"text": "Acme is not in talks to buy Beta.", "sources": [{"name": "Acme Corp", "type": "company"}]},
        ]
    }
    result = runner.invoke(main, ["score", "-"], input=json.dumps(story))
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [c["id"] for c in report["claims"]] == ["c1", "c2"]
    assert report["conflicts"][0]["claims"] == ["c1", "c2"]
    assert set(report["version"]) >= {"rules", "model", "knowledge"}
    assert report["version"]["model"] == default_model()[1]  # the model a fresh service serves, not the rule prior
    for claim in report["claims"]:
        assert set(claim) >= {
            "id",
            "text",
            "source_ids",
            "independence",
            "anonymity",
            "conflict",
            "supported_by",
            "credibility",
        }


def test_score_of_a_stripped_fixture(runner: CliRunner, tmp_path: Path) -> None:
    story = json.loads((FIXTURES / "stories" / "laos-kursk.json").read_text(encoding="utf-8"))
    path = tmp_path / "story.json"
    path.write_text(json.dumps({"claims": story["claims"]}), encoding="utf-8")
    result = runner.invoke(main, ["score", str(path), "--compact"])
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"", "input is empty"),
        (b"not json", "not valid JSON"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[1, 2]", "expected a JSON object"),
        (b'{"claims": []}', "between 1 and"),
        (b'{"claims": [{"text": ""}]}', "must not be empty"),
        (b'{"claims": [{"text": "   "}]}', "must not be blank"),
        (b'{"claims": [{"text": 5}]}', "Not a valid string"),
        (b'{"claims": [{"text": "x", "sources": [{}]}]}', "needs a 'mention'"),
        (b'{"claims": [{"text": "x", "colour": "red"}]}', "Unknown field"),
        (b'{"claims": [{"text": "x\\u0000"}]}', "control character"),
        (b'{"claims": [{"text": "\\ud800"}]}', "lone surrogate"),
        (b'{"claims": [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]}', "unique"),
        (b"[" * 100_000, "nested too deeply"),
    ],
)
def test_bad_input_is_a_clear_error(runner: CliRunner, payload: bytes, message: str) -> None:
    result = runner.invoke(main, ["score", "-"], input=payload)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_oversized_input_is_refused(runner: CliRunner) -> None:
    result = runner.invoke(main, ["score", "-"], input=b" " * (MAX_INPUT_BYTES + 10))
    assert result.exit_code == 1
    assert "larger than" in result.output


def test_missing_file_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["score", str(tmp_path / "nope.json")])
    assert result.exit_code == 1
    assert "cannot read" in result.output

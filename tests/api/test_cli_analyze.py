"""``credscore analyze``: article text in, the scored report with spans out; hostile input gives one clear line."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from api.cli import MAX_INPUT_BYTES, main
from tests.conftest import FIXTURES

SEED = FIXTURES / "articles" / "laos-kursk.txt"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_analyze_seed_article(runner: CliRunner) -> None:
    """The seed article gives the score contract plus spans into the text."""
    result = runner.invoke(main, ["analyze", str(SEED)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    text = SEED.read_text(encoding="utf-8")
    assert set(report) == {"claims", "sources", "conflicts", "version"}
    assert report["conflicts"]
    for source in report["sources"]:
        assert text[source["span"]["start"] : source["span"]["end"]] == source["mention"]
    assert all("span" in claim and "credibility" in claim for claim in report["claims"])


def test_analyze_reads_stdin(runner: CliRunner) -> None:
    """``-`` reads standard input; a sentence without attribution is an unsourced claim."""
    result = runner.invoke(main, ["analyze", "-", "--compact"], input="The river flooded the town.\n")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [c["source_ids"] for c in report["claims"]] == [[]]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\xff\xfe\x00binary", "not UTF-8"),
        (bytes(range(1, 32)) * 20, "binary"),
        ("שלום עולם ".encode() * 20, "non-Latin"),
        (b"a" * (MAX_INPUT_BYTES + 1), "larger than"),
        (b"word " * 500_000, "limit"),
    ],
)
def test_analyze_hostile_input(runner: CliRunner, data: bytes, message: str) -> None:
    """Hostile input: exit status 1 and one line on stderr, no traceback."""
    result = runner.invoke(main, ["analyze", "-"], input=data)
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "text",
    ["...", "“”“”", "\u200b\u200bsaid\u200b", "Zero\u200bwidth said the mayor.", "\u202eThe mayor said so.\u202c"],
)
def test_analyze_odd_text_gives_a_report(runner: CliRunner, text: str) -> None:
    """Text with no sentences or invisible characters gives a (possibly empty) report."""
    result = runner.invoke(main, ["analyze", "-"], input=text)
    assert result.exit_code == 0, result.output
    assert "claims" in json.loads(result.output)


def test_analyze_missing_file(runner: CliRunner) -> None:
    result = runner.invoke(main, ["analyze", "/nonexistent/article.txt"])
    assert result.exit_code == 1 and "cannot read" in result.output

"""Each label format: good rows become labels, bad rows are rejected with a reason, none stops the rest."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json

import pytest

from scoring.labels import LabelError, label_from_mapping, verdict_for
from scoring.labels.readers import Row, read_labels
from tests.conftest import FIXTURES


def _read(name: str, fmt: str) -> list[Row]:
    with open(FIXTURES / "labels" / name, encoding="utf-8", newline="") as stream:
        return list(read_labels(stream, fmt))


def test_jsonl_keeps_good_rows_and_explains_bad_ones() -> None:
    rows = _read("labels.jsonl", "jsonl")
    good = [r.label for r in rows if r.label]
    assert [g.verdict for g in good] == ["reliable", "unreliable", "uncertain", "reliable"]
    assert good[0].sources[1] == {"mention": "Reuters"} and good[0].date == dt.date(2024, 4, 2)
    assert good[2].original_label == "half-true" and good[2].story_id == "story-7"
    assert good[0].subjects == () and good[0].job == "" and good[0].state == ""
    assert (good[3].subjects, good[3].job, good[3].state) == (("economy", "jobs"), "Governor", "Texas")
    errors = {r.number: r.error for r in rows if r.error}
    assert errors[4].startswith("text:")
    assert "not on the scale" in errors[5]
    assert errors[6].startswith("not valid JSON")
    assert "expected a JSON object" in errors[7]
    assert "colour" in errors[8]
    assert errors[9].startswith("date:")
    assert errors[11].startswith("subjects:")


def test_csv_reads_mentions_and_json_sources() -> None:
    rows = _read("labels.csv", "csv")
    good = [r.label for r in rows if r.label]
    assert len(good) == 3
    assert [s["mention"] for s in good[0].sources] == ["World Health Organization", "Associated Press"]
    assert good[2].sources == ({"name": "Senator Ray Doe", "role": "senator"},)
    assert good[2].verdict == "reliable" and good[2].original_label == "mostly-true"
    assert (good[2].subjects, good[2].job, good[2].state) == (("taxes", "economy"), "State senator", "Ohio")
    assert good[0].subjects == () and good[0].job == ""
    assert len([r for r in rows if r.error]) == 2


def test_liar_maps_six_labels_and_keeps_the_original() -> None:
    rows = _read("liar.tsv", "liar")
    good = [r.label for r in rows if r.label]
    assert [(g.verdict, g.original_label) for g in good] == [
        ("reliable", "true"),
        ("unreliable", "pants-fire"),
        ("uncertain", "half-true"),
    ]
    assert good[0].speaker == "jane-roe" and good[0].sources == ({"name": "Jane Roe", "role": "Governor"},)
    assert good[0].idempotency_key == "liar:1.json" and good[1].party == ""
    assert (good[0].subjects, good[0].job, good[0].state) == (("economy", "jobs"), "Governor", "Texas")
    assert (good[1].subjects, good[1].job, good[1].state) == (("space",), "", "")
    assert good[2].subjects == ("health-care", "taxes", "states") and good[2].state == "Ohio"
    errors = [r.error for r in rows if r.error]
    assert "14 TAB-separated columns" in errors[0] and "maybe" in errors[1]


def test_claimreview_maps_names_then_numbers() -> None:
    rows = _read("claimreview.json", "claimreview")
    good = [r.label for r in rows if r.label]
    assert [(g.verdict, g.original_label) for g in good] == [("unreliable", "False"), ("reliable", "Spot on")]
    first = good[0]
    assert first.speaker == "Pat Builder" and first.labeller == "Example Checks"
    assert first.venue == "https://news.example/bridge" and first.date == dt.date(2024, 2, 20)
    assert first.subjects == ("transport", "budget") and first.job == "City engineer"
    assert good[1].subjects == () and good[1].job == ""
    assert len([r for r in rows if r.error]) == 3


@pytest.mark.parametrize(
    ("given", "verdict"),
    [("TRUE", "reliable"), ("barely-true", "uncertain"), ("Pants on Fire", "unreliable"), ("nope", None)],
)
def test_other_scales_map_onto_three_levels(given: str, verdict: str | None) -> None:
    assert verdict_for(given) == verdict


def test_a_source_needs_something_to_identify_it() -> None:
    with pytest.raises(LabelError, match="sources\\[1\\]"):
        label_from_mapping({"text": "x", "verdict": "reliable", "sources": [{"role": "spokesman"}]})


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        list(read_labels(io.StringIO(""), "xml"))


@pytest.mark.parametrize(
    ("subjects", "expected"),
    [
        ("economy, health-care ,economy", ("economy", "health-care")),
        (["economy", " ", "taxes"], ("economy", "taxes")),
        ("", ()),
    ],
)
def test_subjects_are_a_list_or_comma_separated_text_without_repeats(
    subjects: object, expected: tuple[str, ...]
) -> None:
    assert label_from_mapping({"text": "x", "verdict": "reliable", "subjects": subjects}).subjects == expected


@pytest.mark.parametrize(
    ("subjects", "message"),
    [
        (["a,b"], "subjects\\[1\\]: a subject cannot contain a comma"),
        ([7], "subjects\\[1\\]: expected text"),
        (["x" * 101], "subjects\\[1\\]: longer than 100"),
        ([f"s{i}" for i in range(51)], "more than 50 subjects"),
        ({"economy": True}, "expected a list of subjects"),
    ],
)
def test_bad_subjects_are_refused_with_a_reason(subjects: object, message: str) -> None:
    with pytest.raises(LabelError, match=message):
        label_from_mapping({"text": "x", "verdict": "reliable", "subjects": subjects})


def test_a_fingerprint_without_the_new_fields_is_the_one_stored_before_them() -> None:
    """Labels stored before subjects, job and state existed keep matching their retries."""
    label = label_from_mapping({"text": "Exports rose.", "verdict": "reliable", "speaker": "pat"})
    before: dict[str, object] = {"text": "Exports rose.", "verdict": "reliable", "original_label": "", "sources": []}
    before |= {"story_id": "", "speaker": "pat", "party": "", "venue": "", "date": None, "labeller": ""}
    assert label.fingerprint() == hashlib.sha256(json.dumps(before, sort_keys=True).encode()).hexdigest()
    assert label_from_mapping({"text": "Exports rose.", "verdict": "reliable", "job": "Mayor"}).fingerprint() != (
        label.fingerprint()
    )

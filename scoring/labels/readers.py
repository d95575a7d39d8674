"""Readers for label files: JSONL, CSV, LIAR TSV and schema.org ClaimReview JSON-LD.

Each reader yields one :class:`Row` per input row, accepted or rejected with
its reason, and never stops at a bad row: what to do with rejects is the
caller's choice. The formats are documented in the README ("Retraining").
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TextIO

from scoring.labels.record import LabelError, LabelRecord, label_from_mapping
from scoring.labels.scale import verdict_for, verdict_from_rating

FORMATS = ("jsonl", "csv", "liar", "claimreview")

LIAR_COLUMNS = 14
"""LIAR rows: id, label, statement, subjects, speaker, job, state, party, five history counts, venue."""


@dataclass(frozen=True)
class Row:
    """One input row: its position (1-based line or item) and the label or the reason it was rejected."""

    number: int
    label: LabelRecord | None = None
    error: str = ""


def read_labels(stream: TextIO, fmt: str, defaults: Mapping[str, str] | None = None) -> Iterator[Row]:
    """Every row of ``stream`` in format ``fmt`` (one of :data:`FORMATS`)."""
    readers: dict[str, Callable[[TextIO], Iterable[tuple[int, Any]]]] = {
        "jsonl": _jsonl_items,
        "csv": _csv_items,
        "liar": _liar_items,
        "claimreview": _claimreview_items,
    }
    if fmt not in readers:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    for number, item in readers[fmt](stream):
        if isinstance(item, str):
            yield Row(number, error=item)
            continue
        try:
            yield Row(number, label=label_from_mapping(item, defaults))
        except LabelError as error:
            yield Row(number, error=str(error))


def _jsonl_items(stream: TextIO) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as error:
            yield number, f"not valid JSON: {getattr(error, 'msg', 'nested too deeply')}"
            continue
        yield number, item if isinstance(item, dict) else f"expected a JSON object, got {type(item).__name__}"


def _csv_items(stream: TextIO) -> Iterator[tuple[int, Any]]:
    reader = csv.DictReader(stream)
    for item in reader:
        number = reader.line_num
        if None in item:
            yield number, "more cells than header columns"
            continue
        row: dict[str, Any] = {k: v for k, v in item.items() if v is not None}
        cell = (row.get("sources") or "").strip()
        if cell.startswith("["):
            try:
                row["sources"] = json.loads(cell)
            except json.JSONDecodeError as error:
                yield number, f"sources: not a valid JSON array: {error.msg}"
                continue
        yield number, row


def _liar_items(stream: TextIO) -> Iterator[tuple[int, Any]]:
    for number, cells in enumerate(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
        if not cells:
            continue
        if len(cells) != LIAR_COLUMNS:
            yield number, f"expected {LIAR_COLUMNS} TAB-separated columns, found {len(cells)}"
            continue
        yield number, liar_mapping(cells)


def liar_mapping(cells: list[str]) -> dict[str, Any]:
    """One LIAR row as label data: the speaker is the claim's source; the history counts are not kept.

    The subjects column (comma-separated), the speaker's job title and state are kept as they are.
    """
    row_id, label, statement, subjects, speaker, job, state, party = cells[:8]
    source = {"name": speaker_name(speaker), "role": job.strip()} if speaker.strip() else None
    return {
        "text": statement,
        "verdict": label,
        "original_label": label,
        "sources": [{k: v for k, v in source.items() if v}] if source else [],
        "story_id": row_id,
        "speaker": speaker.strip(),
        "party": party.strip() if party.strip() != "none" else "",
        "venue": cells[13],
        "subjects": subjects,
        "job": job,
        "state": state,
        "idempotency_key": f"liar:{row_id}",
    }


def speaker_name(slug: str) -> str:
    """LIAR's speaker slugs ("rick-perry") as names ("Rick Perry")."""
    return " ".join(part.capitalize() for part in slug.strip().split("-") if part)


def _claimreview_items(stream: TextIO) -> Iterator[tuple[int, Any]]:
    try:
        document = json.load(stream)
    except (json.JSONDecodeError, RecursionError) as error:
        yield 1, f"not valid JSON: {getattr(error, 'msg', 'nested too deeply')}"
        return
    items = document.get("@graph", [document]) if isinstance(document, dict) else document
    if not isinstance(items, list):
        yield 1, "expected a ClaimReview object, a list of them or an @graph"
        return
    for number, item in enumerate(items, start=1):
        yield number, claimreview_mapping(item)


def claimreview_mapping(item: Any) -> dict[str, Any] | str:
    """One schema.org ClaimReview as label data, or the reason it cannot be one."""
    if not isinstance(item, dict):
        return "expected a ClaimReview object"
    kinds = item.get("@type")
    if "ClaimReview" not in (kinds if isinstance(kinds, list) else [kinds]):
        return f"@type is {kinds!r}, not ClaimReview"
    rating = item.get("reviewRating")
    if not isinstance(rating, dict):
        return "reviewRating: missing"
    verdict = rating_verdict(rating)
    if verdict is None:
        return f"reviewRating: cannot map {rating.get('alternateName') or rating.get('ratingValue')!r} onto the scale"
    reviewed = item.get("itemReviewed")
    claim: dict[str, Any] = reviewed if isinstance(reviewed, dict) else {}
    author = claim.get("author")
    speaker = _name(author)
    original = rating.get("alternateName") or str(rating.get("ratingValue", ""))
    return {
        "text": item.get("claimReviewed"),
        "verdict": verdict,
        "original_label": str(original),
        "sources": [{"name": speaker}] if speaker else [],
        "speaker": speaker,
        "job": _job_title(author),
        "subjects": _keywords(item.get("keywords")),
        "venue": _appearance(claim),
        "story_id": item.get("url") if isinstance(item.get("url"), str) else "",
        "date": claim.get("datePublished") or item.get("datePublished"),
        "labeller": _name(item.get("author")),
    }


def rating_verdict(rating: Mapping[str, Any]) -> str | None:
    """A ClaimReview ``reviewRating`` on the scale: its ``alternateName`` if known, else its numeric value."""
    name = rating.get("alternateName")
    if isinstance(name, str) and verdict_for(name):
        return verdict_for(name)
    try:
        value = float(rating["ratingValue"])
        best = float(rating.get("bestRating", 5))
        worst = float(rating.get("worstRating", 1))
    except (KeyError, TypeError, ValueError):
        return None
    return verdict_from_rating(value, worst, best)


def _name(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) else ""


def _job_title(author: Any) -> str:
    """The ``jobTitle`` of the claim's (first) author, when given as text."""
    if isinstance(author, list):
        author = author[0] if author else None
    title = author.get("jobTitle") if isinstance(author, dict) else None
    return title.strip() if isinstance(title, str) else ""


def _keywords(value: Any) -> Any:
    """schema.org ``keywords`` (comma-separated text or a list) as subjects; anything else is left to validation."""
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return value if isinstance(value, str) else None


def _appearance(claim: Mapping[str, Any]) -> str:
    for key in ("firstAppearance", "appearance"):
        value = claim.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, dict):
            value = value.get("url") or value.get("name")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""

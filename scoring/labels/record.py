"""One editor's verdict on one claim, validated into a plain frozen record.

Every reader (JSONL, CSV, LIAR, ClaimReview) and the HTTP edge build labels
through :func:`label_from_mapping`, so a label means the same whichever way it
arrived, and a row that cannot be a label is rejected with a reason a person
can act on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from scoring.claims import SOURCE_TYPES
from scoring.labels.scale import VERDICTS, verdict_for

MAX_TEXT = 5000
"""Longest claim text accepted, in characters."""

MAX_FIELD = 500
"""Longest speaker, party, venue, story id, labeller or source field."""

MAX_SOURCES = 50
"""Most sources one labelled claim may carry."""

MAX_SUBJECTS = 50
"""Most subjects one labelled claim may carry."""

MAX_SUBJECT = 100
"""Longest subject, in characters."""

SOURCE_FIELDS = ("mention", "name", "organisation", "role", "type", "party", "citing")
"""The fields of a source, as in the scoring input."""

TEXT_FIELDS = ("story_id", "speaker", "party", "venue", "job", "state", "labeller")

OPTIONAL_FIELDS = ("subjects", "job", "state")
"""Fields added after the first labels were stored: left out of a fingerprint while empty, so it stays the same."""


class LabelError(ValueError):
    """A row that cannot become a label; the message says which field and why."""


@dataclass(frozen=True)
class LabelRecord:
    """A claim with its sources and the verdict an editor (or a data set) gave it.

    ``subjects`` are what the claim is about ("economy", "health-care": LIAR's
    subject list, a newsroom's desk tags), kept as given, in order, without
    repeats; ``job`` is the speaker's job title and ``state`` where the speaker
    is based (a US state in LIAR). All three are optional.
    """

    text: str
    verdict: str
    original_label: str = ""
    sources: tuple[dict[str, str], ...] = ()
    story_id: str = ""
    speaker: str = ""
    party: str = ""
    venue: str = ""
    subjects: tuple[str, ...] = ()
    job: str = ""
    state: str = ""
    date: dt.date | None = None
    labeller: str = ""
    idempotency_key: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (the date as ISO text)."""
        data = asdict(self)
        data["sources"] = [dict(s) for s in self.sources]
        data["subjects"] = list(self.subjects)
        data["date"] = self.date.isoformat() if self.date else None
        return data

    def fingerprint(self) -> str:
        """SHA-256 of the label's content: a retried submission with another body is told apart."""
        data = self.to_dict()
        del data["idempotency_key"]
        for name in OPTIONAL_FIELDS:
            if not data[name]:
                del data[name]
        return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def label_from_mapping(data: Mapping[str, Any], defaults: Mapping[str, str] | None = None) -> LabelRecord:
    """Validate one label given as plain data (a JSONL object, a CSV row, an API body).

    ``verdict`` may be on the three-level scale or a known label of another
    scale (LIAR's six, common fact-check ratings), which is mapped and kept as
    ``original_label``. ``defaults`` fill fields the row leaves empty (e.g. the
    labeller of a whole import).
    """
    merged: dict[str, Any] = dict(defaults or {})
    merged.update({k: v for k, v in data.items() if v not in (None, "")})
    unknown = sorted(
        set(merged)
        - {"text", "verdict", "original_label", "sources", "subjects", "date", "idempotency_key"}
        - set(TEXT_FIELDS)
    )
    if unknown:
        raise LabelError(f"unknown field(s): {', '.join(unknown)}")
    text = _text(merged.get("text"), "text", MAX_TEXT)
    if not text:
        raise LabelError("text: a claim text is required")
    given = _text(merged.get("verdict"), "verdict", MAX_FIELD)
    original = _text(merged.get("original_label"), "original_label", MAX_FIELD)
    verdict = verdict_for(given or original)
    if verdict is None:
        raise LabelError(
            f"verdict: {given or original!r} is not on the scale ({', '.join(VERDICTS)}) nor a known label to map"
        )
    if not original and given and given.strip().lower() not in VERDICTS:
        original = given
    return LabelRecord(
        text=text,
        verdict=verdict,
        original_label=original,
        sources=_sources(merged.get("sources", ())),
        subjects=_subjects(merged.get("subjects", ())),
        date=_date(merged.get("date")),
        idempotency_key=_text(merged.get("idempotency_key"), "idempotency_key", 200),
        **{name: _text(merged.get(name), name, MAX_FIELD) for name in TEXT_FIELDS},
    )


def _text(value: Any, name: str, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise LabelError(f"{name}: expected text, got {type(value).__name__}")
    if "\x00" in value:
        raise LabelError(f"{name}: contains a NUL character")
    cleaned = " ".join(value.split())
    if len(cleaned) > limit:
        raise LabelError(f"{name}: longer than {limit} characters")
    return cleaned


def _sources(value: Any) -> tuple[dict[str, str], ...]:
    if isinstance(value, str):
        value = [{"mention": part} for part in value.split("|") if part.strip()]
    if not isinstance(value, list | tuple):
        raise LabelError("sources: expected a list of source objects")
    if len(value) > MAX_SOURCES:
        raise LabelError(f"sources: more than {MAX_SOURCES} sources")
    out = []
    for index, raw in enumerate(value, start=1):
        if isinstance(raw, str):
            raw = {"mention": raw}
        if not isinstance(raw, Mapping):
            raise LabelError(f"sources[{index}]: expected an object or a mention string")
        extra = sorted(set(raw) - set(SOURCE_FIELDS))
        if extra:
            raise LabelError(f"sources[{index}]: unknown field(s): {', '.join(extra)}")
        source = {k: _text(raw.get(k), f"sources[{index}].{k}", MAX_FIELD) for k in SOURCE_FIELDS if raw.get(k)}
        if not (source.get("mention") or source.get("name") or source.get("organisation")):
            raise LabelError(f"sources[{index}]: needs a mention, a name or an organisation")
        if source.get("type") and source["type"] not in SOURCE_TYPES:
            raise LabelError(f"sources[{index}].type: use one of {', '.join(SOURCE_TYPES)}")
        out.append(source)
    return tuple(out)


def _subjects(value: Any) -> tuple[str, ...]:
    """A list of subjects, or one text with commas between them (LIAR's and CSV's form)."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple):
        raise LabelError("subjects: expected a list of subjects or a comma-separated text")
    out: dict[str, None] = {}
    for index, raw in enumerate(value, start=1):
        subject = _text(raw, f"subjects[{index}]", MAX_SUBJECT)
        if "," in subject:
            raise LabelError(f"subjects[{index}]: a subject cannot contain a comma")
        if subject:
            out[subject] = None
    if len(out) > MAX_SUBJECTS:
        raise LabelError(f"subjects: more than {MAX_SUBJECTS} subjects")
    return tuple(out)


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise LabelError("date: expected an ISO date (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise LabelError(f"date: {value!r} is not an ISO date (YYYY-MM-DD)") from None

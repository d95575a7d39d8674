"""Labels in the database: add (idempotently), read, list, delete, and snapshot for training.

Every call is scoped to an organisation: one organisation never sees or
deletes another's labels. A label is acknowledged only after its transaction
has committed.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, String, cast, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.store.engine import Database
from api.store.tables import LabelRow
from scoring.labels import LabelRecord


class IdempotencyConflict(Exception):
    """The idempotency key was already used for a different label."""


@dataclass(frozen=True)
class StoredLabel:
    """A label as stored: its id, owner and creation time around the record."""

    id: int
    organisation: str
    record: LabelRecord
    created_at: dt.datetime


@dataclass(frozen=True)
class LabelPage:
    """One page of a listing and the total the filters match."""

    items: list[StoredLabel]
    total: int


def _stored(row: LabelRow) -> StoredLabel:
    record = LabelRecord(
        text=row.text,
        verdict=row.verdict,
        original_label=row.original_label,
        sources=tuple(dict(s) for s in row.sources),
        story_id=row.story_id,
        speaker=row.speaker,
        party=row.party,
        venue=row.venue,
        subjects=tuple(row.subjects or ()),
        job=row.job,
        state=row.state,
        date=row.claim_date,
        labeller=row.labeller,
        idempotency_key=row.idempotency_key or "",
    )
    created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=dt.UTC)
    return StoredLabel(row.id, row.organisation, record, created)


def _row(organisation: str, record: LabelRecord) -> LabelRow:
    return LabelRow(
        organisation=organisation,
        text=record.text,
        sources=[dict(s) for s in record.sources],
        story_id=record.story_id,
        speaker=record.speaker,
        party=record.party,
        venue=record.venue,
        subjects=list(record.subjects),
        job=record.job,
        state=record.state,
        claim_date=record.date,
        verdict=record.verdict,
        original_label=record.original_label,
        labeller=record.labeller,
        idempotency_key=record.idempotency_key or None,
        fingerprint=record.fingerprint(),
    )


class LabelStore:
    """The labels table behind an organisation-scoped interface."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, organisation: str, record: LabelRecord) -> tuple[StoredLabel, bool]:
        """Store ``record``; a retry with the same idempotency key returns the first label and ``False``.

        Raises :class:`IdempotencyConflict` when the key was used for another label.
        """
        try:
            return self.db.write(lambda session: self._add(session, organisation, record))
        except IntegrityError:
            # A concurrent request with the same key committed first: answer as its retry.
            return self.db.write(lambda session: self._add(session, organisation, record))

    def _add(self, session: Session, organisation: str, record: LabelRecord) -> tuple[StoredLabel, bool]:
        if record.idempotency_key:
            existing = session.scalar(
                select(LabelRow).where(
                    LabelRow.organisation == organisation, LabelRow.idempotency_key == record.idempotency_key
                )
            )
            if existing is not None:
                if existing.fingerprint != record.fingerprint():
                    raise IdempotencyConflict(
                        f"idempotency key {record.idempotency_key!r} was already used for a different label"
                    )
                return _stored(existing), False
        row = _row(organisation, record)
        session.add(row)
        session.flush()
        return _stored(row), True

    def add_batch(self, organisation: str, records: Sequence[LabelRecord]) -> tuple[int, int]:
        """Store a batch in one transaction (all or nothing); returns (added, already present).

        Records whose idempotency key is already stored (or repeated within
        the batch) are skipped, so re-running an interrupted import is safe.
        """
        return self.db.write(lambda session: self._add_batch(session, organisation, records))

    def _add_batch(self, session: Session, organisation: str, records: Sequence[LabelRecord]) -> tuple[int, int]:
        keys = [r.idempotency_key for r in records if r.idempotency_key]
        seen = set(
            session.scalars(
                select(LabelRow.idempotency_key).where(
                    LabelRow.organisation == organisation, LabelRow.idempotency_key.in_(keys)
                )
            )
        )
        added = 0
        for record in records:
            if record.idempotency_key:
                if record.idempotency_key in seen:
                    continue
                seen.add(record.idempotency_key)
            session.add(_row(organisation, record))
            added += 1
        return added, len(records) - added

    def get(self, organisation: str, label_id: int) -> StoredLabel | None:
        """The label ``label_id`` if ``organisation`` owns it."""
        with self.db.read() as session:
            row = session.get(LabelRow, label_id)
            return _stored(row) if row is not None and row.organisation == organisation else None

    def delete(self, organisation: str, label_id: int) -> bool:
        """Delete the label if ``organisation`` owns it; ``False`` when there is no such label."""

        def work(session: Session) -> bool:
            row = session.get(LabelRow, label_id)
            if row is None or row.organisation != organisation:
                return False
            session.delete(row)
            return True

        return self.db.write(work)

    def find(
        self,
        organisation: str,
        *,
        verdict: str | None = None,
        speaker: str | None = None,
        labeller: str | None = None,
        story_id: str | None = None,
        subject: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        created_after: dt.datetime | None = None,
        created_before: dt.datetime | None = None,
        before_id: int | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> LabelPage:
        """Labels of ``organisation``, newest first, filtered and paginated.

        Pages go by ``offset`` or, steadier while labels are being added, by
        ``before_id`` (a cursor: the id of the last label of the previous
        page). Date bounds are inclusive: ``date_*`` on the claim's date,
        ``created_*`` on when it was labelled. ``total`` counts every label the
        filters match, whatever the page. ``subject`` matches a label that
        carries it among its subjects, ignoring the case of ASCII letters.
        """
        query = select(LabelRow).where(LabelRow.organisation == organisation)
        if verdict:
            query = query.where(LabelRow.verdict == verdict)
        if speaker:
            query = query.where(LabelRow.speaker == speaker)
        if labeller:
            query = query.where(LabelRow.labeller == labeller)
        if story_id:
            query = query.where(LabelRow.story_id == story_id)
        if subject:
            query = query.where(_has_subject(subject))
        if date_from is not None:
            query = query.where(LabelRow.claim_date >= date_from)
        if date_to is not None:
            query = query.where(LabelRow.claim_date <= date_to)
        if created_after is not None:
            query = query.where(LabelRow.created_at >= created_after)
        if created_before is not None:
            query = query.where(LabelRow.created_at <= created_before)
        with self.db.read() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            if before_id is not None:
                query = query.where(LabelRow.id < before_id)
            rows = session.scalars(query.order_by(LabelRow.id.desc()).offset(offset).limit(limit))
            return LabelPage([_stored(r) for r in rows], total)

    def snapshot(self, organisations: Iterable[str] | None = None) -> list[LabelRecord]:
        """Every label (of ``organisations`` if given) in id order: the training data."""
        query = select(LabelRow).order_by(LabelRow.id)
        if organisations is not None:
            query = query.where(LabelRow.organisation.in_(list(organisations)))
        with self.db.read() as session:
            return [_stored(r).record for r in session.scalars(query)]

    def count(self) -> int:
        """How many labels the store holds, all organisations together."""
        with self.db.read() as session:
            return session.scalar(select(func.count()).select_from(LabelRow)) or 0


def _has_subject(subject: str) -> ColumnElement[bool]:
    """Whether the JSON list of subjects holds ``subject`` as one whole element.

    The column is JSON text on every backend, written by ``json.dumps``, so
    the element appears there exactly as ``json.dumps(subject)`` spells it,
    quotes included: a LIKE on that spelling finds whole subjects only
    ("health" does not match "health-care") and needs no JSON functions,
    which SQLite and PostgreSQL name differently.
    """
    spelled = json.dumps(subject.lower()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(cast(LabelRow.subjects, String)).like(f"%{spelled}%", escape="\\")

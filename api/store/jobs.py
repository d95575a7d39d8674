"""Training jobs in the database: one at a time, with their state and outcome."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.store.engine import Database
from api.store.tables import JobRow, utcnow

STALE_AFTER = dt.timedelta(hours=2)
"""A job still "running" after this long died with its process; it no longer blocks a new one."""


class JobBusy(Exception):
    """Another training job is queued or running."""

    def __init__(self, job_id: str) -> None:
        super().__init__(f"training job {job_id} is already running; wait for it (GET /v1/jobs/{job_id})")
        self.job_id = job_id


@dataclass(frozen=True)
class Job:
    """A training job as callers see it."""

    id: str
    status: str
    requested_by: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    version: str | None
    error: str
    detail: dict[str, Any]


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    return value.replace(tzinfo=dt.UTC) if value is not None and value.tzinfo is None else value


def _job(row: JobRow) -> Job:
    return Job(
        id=row.id,
        status=row.status,
        requested_by=row.requested_by,
        created_at=_aware(row.created_at) or utcnow(),
        started_at=_aware(row.started_at),
        finished_at=_aware(row.finished_at),
        version=row.version,
        error=row.error,
        detail=dict(row.detail or {}),
    )


class JobStore:
    """Create, advance and read training jobs."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, requested_by: str) -> Job:
        """A new queued job; :class:`JobBusy` when one is queued or running (the database enforces it)."""

        def work(session: Session) -> Job:
            running = session.scalars(select(JobRow).where(JobRow.running.is_(True))).first()
            if running is not None:
                started = _aware(running.started_at or running.created_at) or utcnow()
                if utcnow() - started < STALE_AFTER:
                    raise JobBusy(running.id)
                running.status, running.running, running.error = "failed", None, "abandoned (process ended)"
                session.flush()
            row = JobRow(id=str(uuid.uuid4()), status="queued", running=True, requested_by=requested_by, error="")
            row.detail = {}
            session.add(row)
            session.flush()
            return _job(row)

        try:
            return self.db.write(work)
        except IntegrityError:
            with self.db.read() as session:
                other = session.scalars(select(JobRow).where(JobRow.running.is_(True))).first()
            raise JobBusy(other.id if other else "?") from None

    def start(self, job_id: str) -> None:
        """Mark the job running."""
        self._update(job_id, status="running", started_at=utcnow())

    def succeed(self, job_id: str, version: str, detail: dict[str, Any]) -> None:
        """Record the trained version and the gate's decision."""
        self._update(job_id, status="succeeded", running=None, finished_at=utcnow(), version=version, detail=detail)

    def fail(self, job_id: str, error: str) -> None:
        """Record why the job failed."""
        self._update(job_id, status="failed", running=None, finished_at=utcnow(), error=error[:2000])

    def get(self, job_id: str) -> Job | None:
        """One job."""
        with self.db.read() as session:
            row = session.get(JobRow, job_id)
            return _job(row) if row is not None else None

    def _update(self, job_id: str, **values: Any) -> None:
        def work(session: Session) -> None:
            row = session.get(JobRow, job_id)
            if row is not None:
                for key, value in values.items():
                    setattr(row, key, value)

        self.db.write(work)

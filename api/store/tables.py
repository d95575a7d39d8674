"""The store's tables: labels, model versions, activations and training jobs.

The schema is created and changed only by the Alembic migrations beside this
module; these declarations are what the code reads and writes through.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> dt.datetime:
    """Timezone-aware now, the only clock the store writes."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    """Declarative base of the store's tables."""


class LabelRow(Base):
    """One editor's verdict on one claim, owned by an organisation."""

    __tablename__ = "labels"
    __table_args__ = (Index("uq_labels_org_key", "organisation", "idempotency_key", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    organisation: Mapped[str] = mapped_column(String(100), index=True)
    text: Mapped[str] = mapped_column(Text)
    sources: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    story_id: Mapped[str] = mapped_column(String(500), default="")
    speaker: Mapped[str] = mapped_column(String(500), default="", index=True)
    party: Mapped[str] = mapped_column(String(500), default="")
    venue: Mapped[str] = mapped_column(String(500), default="")
    subjects: Mapped[list[str]] = mapped_column(JSON, default=list)
    job: Mapped[str] = mapped_column(String(500), default="")
    state: Mapped[str] = mapped_column(String(500), default="")
    claim_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    verdict: Mapped[str] = mapped_column(String(20), index=True)
    original_label: Mapped[str] = mapped_column(String(500), default="")
    labeller: Mapped[str] = mapped_column(String(500), default="")
    idempotency_key: Mapped[str | None] = mapped_column(String(200), nullable=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ModelVersionRow(Base):
    """A trained model: its artifact, the hashes that pin it, its metrics and its gate decision."""

    __tablename__ = "model_versions"

    version: Mapped[str] = mapped_column(String(64), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    artifact: Mapped[bytes] = mapped_column(LargeBinary)
    data_hash: Mapped[str] = mapped_column(String(64))
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON)
    code_version: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default="candidate")
    reason: Mapped[str] = mapped_column(Text, default="")


class ActivationRow(Base):
    """One activation of a version; the serving version is the latest not rolled back."""

    __tablename__ = "activations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version: Mapped[str] = mapped_column(ForeignKey("model_versions.version"))
    activated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    rolled_back: Mapped[bool] = mapped_column(Boolean, default=False)


class JobRow(Base):
    """A background training job.

    ``running`` is True while the job is queued or running and NULL after; a
    unique index on it lets the database itself refuse a second concurrent
    training (NULLs never collide).
    """

    __tablename__ = "training_jobs"
    __table_args__ = (Index("uq_training_jobs_running", "running", unique=True),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), default="queued")
    running: Mapped[bool | None] = mapped_column(Boolean, nullable=True, default=True)
    requested_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    version: Mapped[str | None] = mapped_column(String(64), nullable=True)
    error: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

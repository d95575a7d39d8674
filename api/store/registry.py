"""The model registry's storage in the database: versions, artifacts and the activation history.

Artifacts live in the database beside their metadata, so every replica of
the service sharing one database serves the same bytes, checked against the
same SHA-256.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.store.engine import Database
from api.store.tables import ActivationRow, ModelVersionRow
from scoring.registry import ModelVersion, RegistryError


def _version(row: ModelVersionRow) -> ModelVersion:
    created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=dt.UTC)
    return ModelVersion(
        version=row.version,
        sha256=row.sha256,
        data_hash=row.data_hash,
        metrics=dict(row.metrics),
        code_version=row.code_version,
        created_at=created,
        status=row.status,
        reason=row.reason,
    )


class StoreRegistry:
    """:class:`~scoring.registry.RegistryStorage` over the store's tables."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def save_version(self, version: ModelVersion, artifact: bytes) -> None:
        """Record a new version with its artifact bytes."""

        def work(session: Session) -> None:
            session.add(
                ModelVersionRow(
                    version=version.version,
                    sha256=version.sha256,
                    artifact=artifact,
                    data_hash=version.data_hash,
                    metrics=version.metrics,
                    code_version=version.code_version,
                    created_at=version.created_at,
                    status=version.status,
                    reason=version.reason,
                )
            )

        self.db.write(work)

    def get_version(self, version: str) -> ModelVersion | None:
        """One version's metadata."""
        with self.db.read() as session:
            row = session.get(ModelVersionRow, version)
            return _version(row) if row is not None else None

    def artifact(self, version: str) -> bytes | None:
        """One version's artifact bytes, as stored (the caller checks the hash)."""
        with self.db.read() as session:
            return session.scalar(select(ModelVersionRow.artifact).where(ModelVersionRow.version == version))

    def versions(self) -> list[ModelVersion]:
        """Every version, newest first."""
        with self.db.read() as session:
            rows = session.scalars(
                select(ModelVersionRow).order_by(ModelVersionRow.created_at.desc(), ModelVersionRow.version.desc())
            )
            return [_version(r) for r in rows]

    def active_version(self) -> str | None:
        """The version served now: the latest activation not rolled back (``None``: the default model)."""
        with self.db.read() as session:
            return session.scalar(
                select(ActivationRow.version)
                .where(ActivationRow.rolled_back.is_(False))
                .order_by(ActivationRow.id.desc())
                .limit(1)
            )

    def activate(self, version: str, actor: str, reason: str) -> None:
        """Make ``version`` the served one."""

        def work(session: Session) -> None:
            if session.get(ModelVersionRow, version) is None:
                raise RegistryError(f"no model version {version!r}")
            session.add(ActivationRow(version=version, actor=actor, reason=reason, rolled_back=False))

        self.db.write(work)

    def rollback(self, actor: str) -> str | None:
        """Mark the latest activation rolled back; the one before it serves again."""

        def work(session: Session) -> str | None:
            live = select(ActivationRow).where(ActivationRow.rolled_back.is_(False)).order_by(ActivationRow.id.desc())
            current = session.scalars(live.limit(1)).first()
            if current is None:
                raise RegistryError("nothing to roll back: the default model is serving")
            current.rolled_back = True
            current.reason = f"{current.reason} (rolled back by {actor or 'unknown'})".strip()
            session.flush()
            previous = session.scalars(live.limit(1)).first()
            return previous.version if previous is not None else None

        return self.db.write(work)

    def set_status(self, version: str, status: str, reason: str) -> None:
        """Record the gate's decision on ``version``."""

        def work(session: Session) -> None:
            row = session.get(ModelVersionRow, version)
            if row is not None:
                row.status = status
                row.reason = reason

        self.db.write(work)

"""The label store: labels, model versions and training jobs in one SQL database.

SQLite by default (a file created on first use), PostgreSQL through
``CREDSCORE_DATABASE_URL``; the schema is brought up to date by Alembic on
first use. :class:`Store` bundles the three repositories over one database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from api.store.engine import Database, database_url
from api.store.jobs import JobBusy, JobStore
from api.store.labels import IdempotencyConflict, LabelStore, StoredLabel
from api.store.migrate import upgrade
from api.store.registry import StoreRegistry


@dataclass
class Store:
    """Labels, the model registry and training jobs over one migrated database."""

    db: Database
    labels: LabelStore = field(init=False)
    registry: StoreRegistry = field(init=False)
    jobs: JobStore = field(init=False)

    def __post_init__(self) -> None:
        self.labels = LabelStore(self.db)
        self.registry = StoreRegistry(self.db)
        self.jobs = JobStore(self.db)

    def ping(self) -> None:
        """Raise if the database cannot answer a trivial query (for readiness checks)."""
        with self.db.read() as session:
            session.execute(text("SELECT 1"))

    def close(self) -> None:
        """Release every connection."""
        self.db.dispose()


def open_store(url: str | None = None, data_dir: str | Path | None = None) -> Store:
    """Open (creating and migrating if needed) the database at ``url`` or the configured default."""
    db = Database(url or database_url(data_dir))
    upgrade(db.writer)
    return Store(db)


__all__ = ["IdempotencyConflict", "JobBusy", "Store", "StoredLabel", "open_store"]

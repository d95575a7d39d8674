"""Opening the database: where it lives, how SQLite is made durable, how writes are serialised.

SQLite is the default (one file, created on first start) and is tuned for
durability over speed: WAL journal with ``synchronous=FULL`` so a committed
transaction survives a crash, and every write transaction opened with
``BEGIN IMMEDIATE`` so writers queue on ``busy_timeout`` instead of failing
half-way with "database is locked". Inside one process writes also take a
lock, and a write that still finds the database locked is retried, so the
error never reaches a client. PostgreSQL (``postgresql+psycopg://…``) needs
none of this and gets a plain engine.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 30_000
"""How long a SQLite writer waits for another before giving up (then the write is retried)."""

WRITE_ATTEMPTS = 5
"""Attempts of a write that finds the SQLite database locked."""

T = TypeVar("T")


def database_url(data_dir: str | Path | None = None) -> str:
    """``CREDSCORE_DATABASE_URL``, else a SQLite file ``credscore.db`` in the data directory.

    The data directory is ``data_dir``, else ``CREDSCORE_DATA_DIR``, else the
    Flask instance folder of the ``api`` package (where ``credscore serve``
    keeps it too).
    """
    url = os.environ.get("CREDSCORE_DATABASE_URL")
    if url:
        return url
    if data_dir is None:
        data_dir = os.environ.get("CREDSCORE_DATA_DIR") or _instance_path()
    return f"sqlite:///{Path(data_dir).resolve() / 'credscore.db'}"


def _instance_path() -> str:
    from flask import Flask

    return Flask("api").instance_path


class Database:
    """Two faces of one database: a reading session and a serialised writing session."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            _create_parent(url)
            self.reader = _sqlite_engine(url, "BEGIN")
            self.writer = _sqlite_engine(url, "BEGIN IMMEDIATE")
        else:
            self.reader = self.writer = create_engine(url, pool_pre_ping=True)
        self._reads = sessionmaker(self.reader, expire_on_commit=False)
        self._writes = sessionmaker(self.writer, expire_on_commit=False)
        self._lock = threading.Lock()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed."""
        with self._reads() as session:
            yield session

    def write(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in one transaction and commit before returning its result.

        The caller acknowledges only after this returns, so an acknowledged
        write is on disk. SQLite writes are serialised and retried when locked.
        """
        attempts = WRITE_ATTEMPTS if self.is_sqlite else 1
        for attempt in range(1, attempts + 1):
            try:
                with self._lock if self.is_sqlite else nullcontext(), self._writes() as session, session.begin():
                    return work(session)
            except OperationalError as error:
                if attempt == attempts or "locked" not in str(error.orig).lower():
                    raise
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.reader.dispose()
        if self.writer is not self.reader:
            self.writer.dispose()


def _create_parent(url: str) -> None:
    path = url.split("///", 1)[-1].split("?", 1)[0]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def _sqlite_engine(url: str, begin: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event, not the driver, open transactions.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)

    return engine

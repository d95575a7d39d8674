"""The store under test, on SQLite and on a real PostgreSQL server.

PostgreSQL runs when ``CREDSCORE_TEST_POSTGRES_URL`` names a server (``.ci/run``
starts one); each test gets an empty schema.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from api.store import Store, open_store

POSTGRES_URL = os.environ.get("CREDSCORE_TEST_POSTGRES_URL", "")


def _empty_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def database_urls(tmp_path: Path, backend: str) -> str:
    """A fresh database of ``backend`` for one test."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'credscore.db'}"
    if not POSTGRES_URL:
        reason = "CREDSCORE_TEST_POSTGRES_URL is not set (.ci/run starts a PostgreSQL server and sets it)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: in CI the PostgreSQL tests must run, not skip")
        pytest.skip(reason)
    _empty_postgres(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database, on each backend."""
    return database_urls(tmp_path, str(request.param))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A migrated, empty store on each backend."""
    opened = open_store(store_url)
    yield opened
    opened.close()

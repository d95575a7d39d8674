"""The app's label store and model server: opened on first use, checked by ``/readyz``, served by every score.

Where the database lives is ``CREDSCORE_DATABASE_URL`` (``DATABASE_URL`` in
the app's configuration); without it, a SQLite file ``credscore.db`` in
``CREDSCORE_DATA_DIR`` or the app's instance folder, created on first use.
Nothing touches the database while the app is built: the store opens when a
request (or the model server's first poll, or ``/readyz``) needs it, so an app
that only scores never waits on a migration at start.

The :class:`~scoring.registry.ModelServer` becomes the engine's scorer
provider: every score names the version that produced it, and a version
activated anywhere (this process, another worker, the CLI) is picked up
within ``MODEL_REFRESH_SECONDS`` without a restart.
"""

from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask, current_app

from api import engine, readiness
from api.store import Store, open_store
from scoring.registry import ModelServer, ModelVersion
from scoring.training.default import default_model

STORE = "credscore.store"
SERVER = "credscore.model_server"
DEFAULT_VERSION = "credscore.default_version"


def configured_url(app: Flask) -> str:
    """The database URL the app uses: configured, else a SQLite file in the data directory."""
    url = str(app.config.get("DATABASE_URL") or "")
    if url:
        return url
    directory = Path(str(app.config.get("DATA_DIR") or app.instance_path))
    return f"sqlite:///{directory.resolve() / 'credscore.db'}"


class LazyStore:
    """Opens the store the first time it is asked for; a failed open is retried on the next call."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._store: Store | None = None
        self._lock = threading.Lock()

    def get(self) -> Store:
        """The opened (created and migrated) store."""
        store = self._store
        if store is not None:
            return store
        with self._lock:
            if self._store is None:
                self._store = open_store(self.url)
            return self._store

    def close(self) -> None:
        """Release the connections, if the store was ever opened."""
        if self._store is not None:
            self._store.close()


class LazyRegistryStorage:
    """The store's registry tables, opened only when the model server first polls them."""

    def __init__(self, lazy: LazyStore) -> None:
        self.lazy = lazy

    def save_version(self, version: ModelVersion, artifact: bytes) -> None:
        self.lazy.get().registry.save_version(version, artifact)

    def get_version(self, version: str) -> ModelVersion | None:
        return self.lazy.get().registry.get_version(version)

    def artifact(self, version: str) -> bytes | None:
        return self.lazy.get().registry.artifact(version)

    def versions(self) -> list[ModelVersion]:
        return self.lazy.get().registry.versions()

    def active_version(self) -> str | None:
        return self.lazy.get().registry.active_version()

    def activate(self, version: str, actor: str, reason: str) -> None:
        self.lazy.get().registry.activate(version, actor, reason)

    def rollback(self, actor: str) -> str | None:
        return self.lazy.get().registry.rollback(actor)

    def set_status(self, version: str, status: str, reason: str) -> None:
        self.lazy.get().registry.set_status(version, status, reason)


def store(app: Flask | None = None) -> Store:
    """The app's store, opened on first use."""
    target = app if app is not None else current_app
    lazy: LazyStore = target.extensions[STORE]
    return lazy.get()


def model_server(app: Flask | None = None) -> ModelServer:
    """The app's model server (which version this process serves)."""
    target = app if app is not None else current_app
    server: ModelServer = target.extensions[SERVER]
    return server


def close(app: Flask) -> None:
    """Stop polling for new model versions and release the database connections (if the store was opened)."""
    model_server(app).stop()
    lazy: LazyStore = app.extensions[STORE]
    lazy.close()


def default_version(app: Flask | None = None) -> str:
    """The version that serves while no version is activated (the shipped model, else the rule prior)."""
    target = app if app is not None else current_app
    version: str = target.extensions[DEFAULT_VERSION]
    return version


def _database_check(app: Flask) -> str | None:
    store(app).ping()
    return None


def init_app(app: Flask) -> None:
    """Attach the lazy store, serve scores through the model server, and check the database for readiness."""
    lazy = LazyStore(configured_url(app))
    app.extensions[STORE] = lazy
    holder = engine.holder(app)
    base = holder.load()
    fallback = default_model()  # loaded and verified once; served whenever no version is active
    app.extensions[DEFAULT_VERSION] = fallback[1]
    server = ModelServer(
        LazyRegistryStorage(lazy), lambda: fallback, ttl=float(app.config["MODEL_REFRESH_SECONDS"]), base=base
    )
    app.extensions[SERVER] = server
    holder.provider = server.scorer
    readiness.register_check(app, "database", lambda: _database_check(app))

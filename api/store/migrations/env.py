"""Alembic environment: always run online, on the connection the store hands over."""

from __future__ import annotations

from alembic import context

from api.store.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    if connection.dialect.name == "postgresql":
        # Several replicas may start at once: one migrates, the others wait and find nothing to do.
        connection.exec_driver_sql("SELECT pg_advisory_xact_lock(482019)")
    context.run_migrations()

"""``credscore labels …`` and ``credscore models …``: import labels, train, list, activate, roll back."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from typing import Any

import click

from api.store import Store, open_store
from scoring.labels import LabelRecord
from scoring.labels.readers import FORMATS, read_labels

IMPORT_BATCH = 500
"""Labels written per transaction during an import."""


def _store(url: str | None) -> Store:
    return open_store(url)


@click.group()
def labels() -> None:
    """Editors' labels: import them into the store."""


@labels.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="Format of FILE.")
@click.option("--organisation", default="default", show_default=True, help="Organisation that owns the labels.")
@click.option("--labeller", default="", help="Labeller recorded on rows that name none.")
@click.option("--database", default=None, help="Database URL (default: CREDSCORE_DATABASE_URL or the local file).")
def import_labels(path: str, fmt: str, organisation: str, labeller: str, database: str | None) -> None:
    """Import labels from FILE; bad rows are reported and skipped, never half-written.

    Every row is validated first; valid rows are written in batches of 500,
    each batch one transaction. A row without an idempotency key gets one from
    its content, so importing a file again (or after an interruption) adds
    only what is missing.
    """
    store = _store(database)
    defaults = {"labeller": labeller} if labeller else {}
    started = time.perf_counter()
    accepted = duplicate = 0
    rejected: list[tuple[int, str]] = []
    batch: list[LabelRecord] = []
    with (
        open(path, encoding="utf-8-sig", newline="") as stream,
        click.progressbar(
            read_labels(stream, fmt, defaults), label=f"Importing {path}", file=sys.stderr, show_pos=True
        ) as rows,
    ):
        for row in rows:
            if row.label is None:
                rejected.append((row.number, row.error))
                continue
            batch.append(_keyed(row.label))
            if len(batch) >= IMPORT_BATCH:
                added, present = store.labels.add_batch(organisation, batch)
                accepted, duplicate, batch = accepted + added, duplicate + present, []
    if batch:
        added, present = store.labels.add_batch(organisation, batch)
        accepted, duplicate = accepted + added, duplicate + present
    elapsed = time.perf_counter() - started
    click.echo(f"accepted {accepted}, already present {duplicate}, rejected {len(rejected)} ({elapsed:.1f} s)")
    for number, reason in rejected[:20]:
        click.echo(f"  row {number}: {reason}")
    if len(rejected) > 20:
        reasons = Counter(reason.split(":")[0] for _, reason in rejected)
        click.echo(f"  … and {len(rejected) - 20} more; by field: {dict(reasons)}")


def _keyed(label: LabelRecord) -> LabelRecord:
    if label.idempotency_key:
        return label
    from dataclasses import replace

    return replace(label, idempotency_key=f"import:{label.fingerprint()}")


@click.group()
def models() -> None:
    """Credibility models: train, list, show, activate, roll back."""


@models.command()
@click.option("--database", default=None, help="Database URL.")
def train(database: str | None) -> None:
    """Train on every stored label, and activate the model if it passes the promotion gate."""
    from api.training import start_training

    store = _store(database)
    job = start_training(store, actor="cli", background=False)
    if job.status != "succeeded":
        raise click.ClickException(f"training failed: {job.error}")
    click.echo(json.dumps({"job": job.id, "version": job.version, **job.detail}, indent=2, default=str))


@models.command("list")
@click.option("--database", default=None, help="Database URL.")
def list_models(database: str | None) -> None:
    """List model versions, newest first; * marks the one serving."""
    store = _store(database)
    active = store.registry.active_version()
    for v in store.registry.versions():
        mark = "*" if v.version == active else " "
        click.echo(
            f"{mark} {v.version}  {v.status:9}  macro-F1 {v.metrics.get('macro_f1', float('nan')):.4f}  "
            f"{v.created_at:%Y-%m-%d %H:%M}  {v.reason}"
        )
    if active is None:
        click.echo("* default model (no version activated)")


@models.command()
@click.argument("version")
@click.option("--database", default=None, help="Database URL.")
def show(version: str, database: str | None) -> None:
    """Show one version's hashes, metrics and gate decision."""
    record = _store(database).registry.get_version(version)
    if record is None:
        raise click.ClickException(f"no model version {version!r}; see `credscore models list`")
    data: dict[str, Any] = {**record.__dict__, "created_at": record.created_at.isoformat()}
    click.echo(json.dumps(data, indent=2))


@models.command()
@click.argument("version")
@click.option("--database", default=None, help="Database URL.")
def activate(version: str, database: str | None) -> None:
    """Serve VERSION (its artifact must load and match its hash)."""
    from scoring.registry import Registry, RegistryError
    from scoring.training.artifact import ArtifactError

    try:
        Registry(_store(database).registry).activate(version, actor="cli")
    except (RegistryError, ArtifactError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"serving {version}")


@models.command()
@click.option("--database", default=None, help="Database URL.")
def rollback(database: str | None) -> None:
    """Undo the latest activation."""
    from scoring.registry import RegistryError

    try:
        now = _store(database).registry.rollback("cli")
    except RegistryError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"serving {now or 'the default model'}")

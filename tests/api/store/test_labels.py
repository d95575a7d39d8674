"""Labels in the store: idempotent writes, organisation scope, listing, deletion, migrations."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from api.store import IdempotencyConflict, Store, open_store
from api.store.migrate import current_revision
from scoring.labels import label_from_mapping


def _label(text: str = "The ministry said exports rose.", key: str = "", **extra: str) -> object:
    return label_from_mapping({"text": text, "verdict": "reliable", "idempotency_key": key, **extra})


def test_a_retried_submission_is_a_no_op(store: Store) -> None:
    first, created = store.labels.add("org-a", _label(key="k1"))  # type: ignore[arg-type]
    again, created_again = store.labels.add("org-a", _label(key="k1"))  # type: ignore[arg-type]
    assert created and not created_again and again.id == first.id
    assert store.labels.count() == 1


def test_a_key_reused_for_another_label_is_a_conflict(store: Store) -> None:
    store.labels.add("org-a", _label(key="k1"))  # type: ignore[arg-type]
    with pytest.raises(IdempotencyConflict):
        store.labels.add("org-a", _label("Something else entirely.", key="k1"))  # type: ignore[arg-type]


def test_keys_are_per_organisation_and_labels_are_private(store: Store) -> None:
    mine, _ = store.labels.add("org-a", _label(key="k1"))  # type: ignore[arg-type]
    theirs, created = store.labels.add("org-b", _label(key="k1"))  # type: ignore[arg-type]
    assert created and theirs.id != mine.id
    assert store.labels.get("org-b", mine.id) is None
    assert not store.labels.delete("org-b", mine.id)
    assert store.labels.get("org-a", mine.id) is not None
    assert store.labels.delete("org-a", mine.id) and store.labels.get("org-a", mine.id) is None


def test_listing_filters_and_paginates_newest_first(store: Store) -> None:
    for i in range(7):
        store.labels.add("org-a", _label(f"Claim number {i}.", speaker="pat" if i % 2 else "lee"))  # type: ignore[arg-type]
    page = store.labels.find("org-a", speaker="pat", offset=1, limit=2)
    assert page.total == 3
    assert [item.record.text for item in page.items] == ["Claim number 3.", "Claim number 1."]
    assert store.labels.find("org-b").total == 0


def test_a_batch_skips_keys_already_present(store: Store) -> None:
    labels = [_label(f"Claim {i}.", key=f"b{i}") for i in range(4)]
    assert store.labels.add_batch("org-a", labels[:2]) == (2, 0)  # type: ignore[arg-type]
    assert store.labels.add_batch("org-a", labels + labels[:1]) == (2, 3)  # type: ignore[arg-type]
    assert [x.text for x in store.labels.snapshot()] == [f"Claim {i}." for i in range(4)]


def test_the_schema_is_migrated_once_and_reopening_is_a_no_op(store_url: str) -> None:
    first = open_store(store_url)
    first.labels.add("org-a", _label())  # type: ignore[arg-type]
    first.close()
    again = open_store(store_url)
    assert current_revision(again.db.writer) == "0001"
    assert {"labels", "model_versions", "activations", "training_jobs"} <= set(
        inspect(again.db.reader).get_table_names()
    )
    assert again.labels.count() == 1
    again.close()


def test_sqlite_is_durable_by_configuration(tmp_path: Path) -> None:
    opened = open_store(f"sqlite:///{tmp_path / 'new' / 'x.db'}")
    with opened.db.writer.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
    assert (tmp_path / "new" / "x.db").is_file()
    opened.close()

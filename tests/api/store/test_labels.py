"""Labels in the store: idempotent writes, organisation scope, listing, deletion, migrations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, Table, insert, inspect

from api.store import IdempotencyConflict, Store, open_store
from api.store.engine import Database
from api.store.migrate import alembic_config, current_revision
from scoring.labels import label_from_mapping

HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


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


def test_the_subject_filter_matches_whole_subjects_in_any_ascii_case(store: Store) -> None:
    for text, subjects in (
        ("Clinics closed.", ["health", "Local"]),
        ("Premiums rose.", ["health-care"]),
        ("Rates held.", ["economy", "100%_sure"]),
        ("Nothing tagged.", []),
    ):
        store.labels.add("org-a", label_from_mapping({"text": text, "verdict": "reliable", "subjects": subjects}))

    def texts(subject: str) -> list[str]:
        return [item.record.text for item in store.labels.find("org-a", subject=subject).items]

    assert texts("health") == ["Clinics closed."]
    assert texts("HEALTH-care") == ["Premiums rose."]
    assert texts("local") == ["Clinics closed."]
    assert texts("100%_sure") == ["Rates held."]
    assert texts("100") == [] and texts("%") == [] and texts("_") == [] and texts('"') == []
    assert store.labels.find("org-b", subject="health").total == 0


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
    assert current_revision(again.db.writer) == HEAD
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


def test_subjects_job_and_state_are_stored_and_read_back(store: Store) -> None:
    record = label_from_mapping(
        {
            "text": "Taxes doubled.",
            "verdict": "false",
            "subjects": "taxes,economy,taxes",
            "job": "Governor",
            "state": "Texas",
        }
    )
    stored, _ = store.labels.add("org-a", record)
    again = store.labels.get("org-a", stored.id)
    assert again is not None and again.record == record
    assert again.record.subjects == ("taxes", "economy") and again.record.job == "Governor"


def _at_first_revision(url: str) -> Database:
    """A database migrated only to 0001 (the schema before subjects, job and state), as an old install has it."""
    db = Database(url)
    config = alembic_config()
    with db.writer.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.commit()
    return db


def test_upgrading_from_0001_keeps_every_label_and_its_retry(store_url: str) -> None:
    old_record = label_from_mapping(
        {"text": "The ministry said exports rose.", "verdict": "reliable", "speaker": "pat"}
    )
    old = _at_first_revision(store_url)
    labels = Table("labels", MetaData(), autoload_with=old.writer)  # the table as 0001 made it
    assert not {"subjects", "job", "state"} & set(labels.columns.keys())
    with old.writer.begin() as connection:
        connection.execute(
            insert(labels),
            [
                {
                    "organisation": "org-a",
                    "text": old_record.text,
                    "sources": [],
                    "story_id": "",
                    "speaker": "pat",
                    "party": "",
                    "venue": "",
                    "claim_date": None,
                    "verdict": "reliable",
                    "original_label": "",
                    "labeller": "",
                    "idempotency_key": f"k{i}",
                    "fingerprint": old_record.fingerprint(),
                    "created_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                }
                for i in range(3)
            ],
        )
    old.dispose()
    upgraded = open_store(store_url)
    assert current_revision(upgraded.db.writer) == HEAD
    kept = upgraded.labels.find("org-a").items
    assert len(kept) == 3 and all(x.record.text == old_record.text and x.record.speaker == "pat" for x in kept)
    assert all(x.record.subjects == () and x.record.job == "" and x.record.state == "" for x in kept)
    # An old label's fingerprint still matches its body, so a retry after the upgrade is replayed, not a conflict.
    again, created = upgraded.labels.add("org-a", label_from_mapping({**old_record.to_dict(), "idempotency_key": "k0"}))
    assert not created and again.record.text == old_record.text
    upgraded.close()

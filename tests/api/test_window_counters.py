"""Fixed-window counters shared through one SQLite file: counts add up, windows reset, old rows go."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from api import window_counters
from api.window_counters import WindowCounters


def test_hits_add_up_within_a_window_and_restart_in_the_next() -> None:
    counters = WindowCounters()
    assert [counters.hit("ip:1", 60, now=120.0).hits for _ in range(3)] == [1, 2, 3]
    assert counters.hit("ip:1", 60, now=179.9).resets_at == 180.0
    assert counters.hit("ip:1", 60, now=180.0).hits == 1
    assert counters.hit("ip:2", 60, now=180.0).hits == 1  # callers are counted apart
    assert counters.hit("ip:1", 1, now=180.0).hits == 1  # and so are window lengths


def _hammer(directory: str, hits: int) -> None:
    counters = WindowCounters(directory)
    for _ in range(hits):
        counters.hit("key:shared", 3600, now=7200.0)


def test_processes_sharing_a_directory_count_together(tmp_path: Path) -> None:
    """Two processes hitting one key concurrently: no hit is lost (the SQLite write lock serialises them)."""
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_hammer, args=(str(tmp_path), 200)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [worker.exitcode for worker in workers] == [0, 0]
    assert WindowCounters(tmp_path).hit("key:shared", 3600, now=7200.0).hits == 401


def test_counters_of_ended_windows_are_pruned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(window_counters, "PRUNE_EVERY", 3)
    counters = WindowCounters()
    counters.hit("ip:old", 60, now=0.0)
    counters.hit("ip:new", 60, now=600.0)
    counters.hit("ip:new", 60, now=600.0)  # third hit: prune
    rows = counters._connection.execute("SELECT key FROM counters ORDER BY key").fetchall()
    assert rows == [("60:ip:new",)]

"""Fixed-window request counters that every worker process of one machine shares.

A rate limit is only a limit if all workers count together: with a per-process
dict, N gunicorn workers give a client N times its budget. The counters live in
one small SQLite table; gunicorn's master creates its file in shared memory
(``/dev/shm`` where the system has it) before forking, so the workers share it
without any server to run. A hit is one ``INSERT … ON CONFLICT … RETURNING``
statement in autocommit mode: one round trip, no durability wanted (a reboot
may forget a minute of counts) and no background threads.

Without a directory (tests, a single process) the table is in the process's
memory, shared by its threads.

For several machines, a Redis URI makes :mod:`api.ratelimit` use the ``limits``
library's storages instead.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

FILE_NAME = "ratelimit.sqlite"
PRUNE_EVERY = 4096
"""Hits between deletions of counters whose window has passed (one row per caller otherwise stays)."""

_HIT = """
INSERT INTO counters (key, window, hits) VALUES (?, ?, ?)
ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN counters.window = excluded.window THEN counters.hits + excluded.hits ELSE excluded.hits END,
    window = excluded.window
RETURNING hits
"""


@dataclass(frozen=True)
class WindowHit:
    """The count of a caller's current window after a hit, and when that window ends (epoch seconds)."""

    hits: int
    resets_at: float


class WindowCounters:
    """Counts hits per key in fixed windows of ``seconds``: ``hit`` adds and returns the new count."""

    def __init__(self, directory: str | Path | None = None, busy_timeout: float = 2.0) -> None:
        target = ":memory:" if directory is None else str(Path(directory) / FILE_NAME)
        self._connection = sqlite3.connect(target, timeout=busy_timeout, isolation_level=None, check_same_thread=False)
        self._lock = threading.Lock()
        self._since_prune = 0
        with self._lock:
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute("PRAGMA synchronous=OFF")
            self._connection.execute(
                "CREATE TABLE IF NOT EXISTS counters "
                "(key TEXT PRIMARY KEY, window INTEGER NOT NULL, hits INTEGER NOT NULL)"
            )

    def hit(self, key: str, seconds: int, amount: int = 1, now: float | None = None) -> WindowHit:
        """Add ``amount`` to ``key``'s current window of ``seconds`` and return the window's count."""
        moment = time.time() if now is None else now
        window = int(moment // seconds)
        with self._lock:
            (hits,) = self._connection.execute(_HIT, (f"{seconds}:{key}", window, amount)).fetchone()
            self._since_prune += 1
            if self._since_prune >= PRUNE_EVERY:
                self._prune(moment)
        return WindowHit(int(hits), float((window + 1) * seconds))

    def _prune(self, moment: float) -> None:
        """Drop counters whose window has ended (each key starts with its window length in seconds)."""
        self._since_prune = 0
        self._connection.execute(
            "DELETE FROM counters WHERE (window + 1) * CAST(substr(key, 1, instr(key, ':') - 1) AS INTEGER) < ?",
            (moment,),
        )

    def close(self) -> None:
        with self._lock:
            self._connection.close()

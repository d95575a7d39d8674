"""An acknowledged label is never lost: SIGKILL writers in the middle of a burst, then count.

Writers are forked from the test process (already importing everything), so
each cycle starts at once; each writer logs a label's id only after the
store returned, i.e. after the commit. After every cycle's SIGKILL, every
logged id must be in the database.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from sqlalchemy import select

from api.store import open_store
from api.store.tables import LabelRow
from tests.api.store.writer import write_forever

CYCLES = 4
WRITERS = 3
THREADS = 3


def _fork_writer(url: str, name: str, log: Path) -> int:
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        try:
            write_forever(url, name, THREADS, str(log))
        finally:
            os._exit(1)
    return pid


def _logged(paths: list[Path]) -> set[int]:
    ids: set[int] = set()
    for path in paths:
        if path.exists():
            ids |= {int(line) for line in path.read_text().splitlines() if line.isdigit()}
    return ids


def test_killed_writers_lose_no_acknowledged_label(store_url: str, tmp_path: Path) -> None:
    open_store(store_url).close()  # migrate once, before the writers race
    logs: list[Path] = []
    for cycle in range(CYCLES):
        batch = [tmp_path / f"c{cycle}w{w}.log" for w in range(WRITERS)]
        logs += batch
        pids = [_fork_writer(store_url, f"c{cycle}w{w}", log) for w, log in enumerate(batch)]
        deadline = time.monotonic() + 20
        while len(_logged(batch)) < 30 * WRITERS and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.1 * cycle)
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        for pid in pids:
            _, status = os.waitpid(pid, 0)
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        store = open_store(store_url)
        with store.db.read() as session:
            stored = set(session.scalars(select(LabelRow.id)))
        store.close()
        acknowledged = _logged(logs)
        assert len(_logged(batch)) >= 30 * WRITERS, "the writers acknowledged too little; the test proves nothing"
        assert acknowledged <= stored, f"cycle {cycle}: lost {len(acknowledged - stored)} acknowledged labels"

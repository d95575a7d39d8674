"""A label writer for the durability test: several threads add labels, logging each id once committed."""

from __future__ import annotations

import os
import threading

from api.store import open_store
from scoring.labels import label_from_mapping


def write_forever(url: str, name: str, threads: int, log_path: str) -> None:
    """Add labels until killed; a line ``id`` in ``log_path`` means the label was acknowledged."""
    store = open_store(url)
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def work(thread: int) -> None:
        n = 0
        while True:
            n += 1
            key = f"{name}-{thread}-{n}"
            record = label_from_mapping({"text": f"Claim {key}.", "verdict": "uncertain", "idempotency_key": key})
            stored, _ = store.labels.add("org", record)
            os.write(log, f"{stored.id}\n".encode())  # one write(2): whole lines even when killed

    for t in range(threads):
        threading.Thread(target=work, args=(t,), daemon=True).start()
    threading.Event().wait()

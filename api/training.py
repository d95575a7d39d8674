"""Training as a background job: snapshot the labels, train, gate, record the outcome."""

from __future__ import annotations

import threading

from api.store import Store
from api.store.jobs import Job
from scoring.pipeline import Scorer
from scoring.registry import Registry


def run_training(store: Store, job_id: str, actor: str = "", scorer: Scorer | None = None) -> None:
    """Carry out job ``job_id`` to the end; failures are recorded on the job, never raised."""
    store.jobs.start(job_id)
    try:
        labels = store.labels.snapshot()
        version, decision = Registry(store.registry, scorer).train(labels, actor)
        store.jobs.succeed(
            job_id,
            version.version,
            {"status": version.status, "reason": decision.reason, "metrics": version.metrics, "labels": len(labels)},
        )
    except Exception as error:  # the job records every failure; nothing may escape the thread
        store.jobs.fail(job_id, f"{type(error).__name__}: {error}")


def start_training(store: Store, actor: str = "", background: bool = True, scorer: Scorer | None = None) -> Job:
    """Queue a training job (raises :class:`~api.store.JobBusy` if one runs) and start it."""
    job = store.jobs.create(actor)
    if background:
        threading.Thread(target=run_training, args=(store, job.id, actor, scorer), daemon=True).start()
    else:
        run_training(store, job.id, actor, scorer)
    return store.jobs.get(job.id) or job

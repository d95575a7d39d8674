"""Saving and loading the stance model: skops (no pickle), a sha256 beside it, checked first.

The sha256 file is read and compared before skops parses a single byte, so a
changed or corrupted artifact is refused with an error that says what to do.
skops then loads only types it trusts by default plus :data:`TRUSTED_TYPES`,
an explicit list: the gradient-boosting tree nodes, which are safe here
because the bytes were verified against the hash recorded at training time.
"""

from __future__ import annotations

import hashlib
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import skops.io as sio

ARTIFACT_DIR = Path(__file__).resolve().parent / "artifacts"
SHIPPED_ARTIFACT = ARTIFACT_DIR / "conflict-model.skops"
FORMAT = 1

TRUSTED_TYPES = ("sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",)
"""Types beyond skops' defaults that the artifact may hold (reviewed: HistGradientBoosting's tree nodes)."""


class ArtifactError(RuntimeError):
    """The model artifact is missing, altered or of an unknown format."""


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def hash_path(path: Path) -> Path:
    """Where the expected hash of ``path`` is kept (``NAME.sha256``, ``sha256sum`` format)."""
    return path.with_name(path.name + ".sha256")


def save_artifact(bundle: dict[str, Any], path: Path) -> str:
    """Write ``bundle`` with skops and its hash beside it; returns the hash."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(bundle, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    digest = sha256_of(path)
    hash_path(path).write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    return digest


def expected_hash(path: Path) -> str:
    """The hash recorded for ``path``, or an :class:`ArtifactError` saying how to get one."""
    recorded = hash_path(path)
    if not recorded.is_file():
        raise ArtifactError(f"{path}: no {recorded.name} beside it; rebuild with `credscore train-conflict`")
    fields = recorded.read_text(encoding="utf-8").split()
    if not fields or len(fields[0]) != 64:
        raise ArtifactError(f"{recorded}: not a sha256 line; rebuild with `credscore train-conflict`")
    return fields[0].lower()


def verify(path: Path) -> str:
    """Check ``path`` against its recorded hash; returns the hash or raises :class:`ArtifactError`."""
    if not path.is_file():
        raise ArtifactError(f"{path}: model artifact not found; build it with `credscore train-conflict`")
    want = expected_hash(path)
    got = sha256_of(path)
    if got != want:
        raise ArtifactError(
            f"{path}: sha256 {got[:12]}… does not match the recorded {want[:12]}…; the artifact was altered "
            "or corrupted and is refused. Reinstall the package or rebuild it with `credscore train-conflict`."
        )
    return got


@lru_cache(maxsize=4)
def _load_verified(path: Path, digest: str) -> dict[str, Any]:
    """Parse a verified artifact once per process (keyed by hash, so a rebuilt file is re-read)."""
    del digest  # part of the cache key only
    bundle = sio.load(path, trusted=list(TRUSTED_TYPES))
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT:
        raise ArtifactError(f"{path}: not a format-{FORMAT} conflict model; rebuild with `credscore train-conflict`")
    return bundle


def load_artifact(path: Path = SHIPPED_ARTIFACT) -> dict[str, Any]:
    """The verified model bundle at ``path`` (the shipped one by default)."""
    return _load_verified(path.resolve(), verify(path))


def shipped_artifact_ok(path: Path = SHIPPED_ARTIFACT) -> bool:
    """Whether a model artifact is installed at ``path`` (its hash is checked when it is loaded)."""
    return path.is_file()

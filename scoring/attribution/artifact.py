"""Saving and loading the attribution tagger: skops (no pickle), a SHA-256 beside it, checked first.

The bundle is a plain dict: the fitted scikit-learn classifier, the learned cue
words (one string), thresholds, the feature version and provenance (training
data fingerprint, library versions, dev metrics). The recorded SHA-256 is
compared before skops parses a byte, and skops then loads only its default
trusted types (:data:`TRUSTED_TYPES` is empty), so an altered file is refused
with an error that says how to rebuild it.
"""

from __future__ import annotations

import hashlib
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

ARTIFACT_DIR = Path(__file__).resolve().parent / "artifacts"
SHIPPED_ARTIFACT = ARTIFACT_DIR / "attribution-tagger.skops"
FORMAT = 1
TRUSTED_TYPES: tuple[str, ...] = ()
"""Types beyond skops' defaults that the artifact may hold: none."""
REBUILD = "rebuild it with `credscore train-attribution`"


class ArtifactError(RuntimeError):
    """The tagger artifact is missing, altered or of an unknown format."""


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
    """Write ``bundle`` with skops (deflated) and its hash beside it; returns the hash."""
    import skops.io as sio

    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(bundle, path, compression=zipfile.ZIP_DEFLATED)
    digest = sha256_of(path)
    hash_path(path).write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    return digest


def verify(path: Path) -> str:
    """Check ``path`` against its recorded hash; returns the hash or raises :class:`ArtifactError`."""
    if not path.is_file():
        raise ArtifactError(f"{path}: attribution tagger not found; {REBUILD}")
    recorded = hash_path(path)
    fields = recorded.read_text(encoding="utf-8").split() if recorded.is_file() else []
    if not fields or len(fields[0]) != 64:
        raise ArtifactError(f"{path}: no valid {recorded.name} beside it; {REBUILD}")
    want, got = fields[0].lower(), sha256_of(path)
    if got != want:
        raise ArtifactError(
            f"{path}: sha256 {got[:12]}… does not match the recorded {want[:12]}…; the artifact was altered "
            f"or corrupted and is refused. Reinstall the package or {REBUILD}."
        )
    return got


@lru_cache(maxsize=4)
def _load_verified(path: Path, digest: str) -> dict[str, Any]:
    """Parse a verified artifact once per process (keyed by hash, so a rebuilt file is re-read)."""
    import skops.io as sio

    del digest  # part of the cache key only
    try:
        untrusted = sorted(set(sio.get_untrusted_types(file=path)) - set(TRUSTED_TYPES))
        if untrusted:
            raise ArtifactError(f"{path}: holds types that are not trusted ({', '.join(untrusted)}); {REBUILD}")
        bundle = sio.load(path, trusted=list(TRUSTED_TYPES))
    except ArtifactError:
        raise
    except Exception as error:  # skops raises many kinds on malformed input
        raise ArtifactError(f"{path}: cannot be read ({error}); {REBUILD}") from None
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT:
        raise ArtifactError(f"{path}: not a format-{FORMAT} attribution tagger; {REBUILD}")
    return bundle


def load_artifact(path: Path = SHIPPED_ARTIFACT) -> dict[str, Any]:
    """The verified tagger bundle at ``path`` (the shipped one by default)."""
    return _load_verified(path.resolve(), verify(path))

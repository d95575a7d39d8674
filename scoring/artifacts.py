"""Trained models on disk: skops files (never pickle) with a SHA-256 beside them, checked first.

Every shipped model (the conflict model, the attribution tagger) is a plain
dict of scikit-learn objects and arrays saved with skops. The hash recorded at
training time is compared before skops parses a single byte, and skops then
loads only its default types plus the kind's explicit ``trusted`` list, so a
changed or corrupted file is refused with an error that says how to rebuild it.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any


class ArtifactError(RuntimeError):
    """An artifact that must not be served: missing, altered, unreadable or of a foreign format."""


@dataclass(frozen=True)
class ArtifactKind:
    """What a family of artifacts is, how to rebuild one, and what it may hold."""

    what: str
    rebuild: str
    format: int
    trusted: tuple[str, ...] = ()

    @property
    def advice(self) -> str:
        """The next step to tell a user whose artifact was refused."""
        return f"rebuild it with `{self.rebuild}`"


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


def save_bundle(bundle: dict[str, Any], path: Path, compresslevel: int | None = None) -> str:
    """Write ``bundle`` with skops (deflated) and its hash beside it; returns the hash."""
    import skops.io as sio

    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(bundle, path, compression=zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
    digest = sha256_of(path)
    hash_path(path).write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    return digest


def expected_hash(path: Path, kind: ArtifactKind) -> str:
    """The hash recorded for ``path``, or an :class:`ArtifactError` saying how to get one."""
    recorded = hash_path(path)
    fields = recorded.read_text(encoding="utf-8").split() if recorded.is_file() else []
    if not fields or len(fields[0]) != 64:
        raise ArtifactError(f"{path}: no valid {recorded.name} beside it; {kind.advice}")
    return fields[0].lower()


def verify(path: Path, kind: ArtifactKind) -> str:
    """Check ``path`` against its recorded hash; returns the hash or raises :class:`ArtifactError`."""
    if not path.is_file():
        raise ArtifactError(f"{path}: {kind.what} not found; {kind.advice}")
    want, got = expected_hash(path, kind), sha256_of(path)
    if got != want:
        raise ArtifactError(
            f"{path}: sha256 {got[:12]}… does not match the recorded {want[:12]}…; the artifact was altered "
            f"or corrupted and is refused. Reinstall the package or {kind.advice}."
        )
    return got


def load_bundle(path: Path, kind: ArtifactKind) -> dict[str, Any]:
    """The verified bundle at ``path``, parsed once per process and per content."""
    return _load_verified(path.resolve(), verify(path, kind), kind)


@lru_cache(maxsize=8)
def _load_verified(path: Path, digest: str, kind: ArtifactKind) -> dict[str, Any]:
    """Keyed by hash as well as path, so a rebuilt file is read again."""
    import skops.io as sio

    del digest  # part of the cache key only
    try:
        untrusted = sorted(set(sio.get_untrusted_types(file=path)) - set(kind.trusted))
        if untrusted:
            raise ArtifactError(f"{path}: holds types that are not trusted ({', '.join(untrusted)}); {kind.advice}")
        bundle = sio.load(path, trusted=list(kind.trusted))
    except ArtifactError:
        raise
    except Exception as error:  # skops raises many kinds of error on malformed input
        raise ArtifactError(f"{path}: cannot be read ({error}); {kind.advice}") from None
    if not isinstance(bundle, dict) or bundle.get("format") != kind.format:
        raise ArtifactError(f"{path}: not a format-{kind.format} {kind.what}; {kind.advice}")
    return bundle

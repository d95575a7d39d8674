"""Who is calling: API keys, roles and organisations.

A key is a random secret (``csk_…``) shown once when created; only its
sha256 is kept, and keys are compared with :func:`hmac.compare_digest` so a
timing difference never tells how close a guess was. Each key has a role
(``editor`` < ``admin``: an admin may do anything an editor may) and belongs
to one organisation; resources that hold an organisation's data filter by
``current_principal().org``.

Where keys live is a :class:`KeyStore`: :class:`ConfigKeyStore` reads
``CREDSCORE_API_KEYS``; a database-backed store can replace it with
:func:`set_key_store`. Views declare what they need with :func:`requires`
(documents the security requirement and enforces the role) or
:func:`require_role`.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import wraps
from typing import Any, Protocol, TypeVar, cast

from flask import Flask, current_app, g, request

from api.errors import ErrorSchema, fail

ROLES = ("editor", "admin")
"""Roles from least to most powerful."""
_RANK = {role: rank for rank, role in enumerate(ROLES)}
KEY_PREFIX = "csk_"
SECURITY_SCHEME = "apiKey"
_HEX64 = re.compile(r"[0-9a-f]{64}")
EXTENSION = "credscore.keys"

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Principal:
    """An authenticated caller: which key, which organisation, which role."""

    key_id: str
    org: str
    role: str

    def has_role(self, role: str) -> bool:
        """Whether this caller may act as ``role`` (an admin may act as an editor)."""
        return _RANK[self.role] >= _RANK[role]


class KeyStore(Protocol):
    """Where API keys are looked up; implementations must compare hashes in constant time."""

    def find(self, key: str) -> Principal | None:
        """The principal a presented key belongs to, or ``None``."""


def hash_key(key: str) -> str:
    """The stored form of a key: its sha256, hex. Keys are high-entropy, so no salt or stretching is needed."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def new_key() -> str:
    """A fresh key with 256 bits of randomness."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


@dataclass(frozen=True)
class KeyRecord:
    """One configured key: hash, role, organisation and a short public id."""

    hash: str
    role: str
    org: str
    id: str


def key_record(entry: Mapping[str, Any]) -> KeyRecord:
    """Validate one ``CREDSCORE_API_KEYS`` entry; the message says how to fix a bad one."""
    if not isinstance(entry, Mapping):
        raise ValueError("each CREDSCORE_API_KEYS entry must be an object with 'hash', 'role' and 'org'")
    digest = str(entry.get("hash", "")).lower()
    role = str(entry.get("role", ""))
    org = str(entry.get("org", "")).strip()
    if not _HEX64.fullmatch(digest):
        raise ValueError("an API key 'hash' must be 64 hex characters (sha256); use `credscore keys create`")
    if role not in _RANK:
        raise ValueError(f"an API key 'role' must be one of {', '.join(ROLES)}, not {role!r}")
    if not org:
        raise ValueError("an API key needs an 'org' (organisation id)")
    return KeyRecord(digest, role, org, str(entry.get("id") or digest[:12]))


class ConfigKeyStore:
    """Keys from configuration; every lookup compares against every record, in constant time each."""

    def __init__(self, entries: Iterable[Mapping[str, Any]]) -> None:
        self.records = tuple(key_record(entry) for entry in entries)

    def find(self, key: str) -> Principal | None:
        digest = hash_key(key)
        match: KeyRecord | None = None
        for record in self.records:
            if hmac.compare_digest(record.hash, digest):
                match = record
        return Principal(match.id, match.org, match.role) if match else None


def set_key_store(app: Flask, store: KeyStore) -> None:
    """Look keys up in ``store`` from now on (e.g. a database-backed store)."""
    app.extensions[EXTENSION] = store


def presented_key() -> str | None:
    """The key sent with the request: ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``."""
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            fail(401, "Send the API key as 'Authorization: Bearer <key>'.", code="invalid_credentials")
        return value.strip()
    return request.headers.get("X-API-Key") or None


def authenticate() -> None:
    """``before_request`` hook: resolve the caller once; a key that is sent but unknown is a 401 everywhere."""
    key = presented_key()
    principal = None
    if key is not None:
        store = cast(KeyStore, current_app.extensions[EXTENSION])
        principal = store.find(key)
        if principal is None:
            fail(401, "The API key is not valid.", code="invalid_credentials")
    g.principal = principal


def current_principal() -> Principal | None:
    """The authenticated caller of this request, or ``None`` when anonymous."""
    if "principal" not in g:
        authenticate()
    principal: Principal | None = g.principal
    return principal


def check_role(role: str) -> Principal:
    """The caller, if it may act as ``role``; otherwise stop with 401 (no key) or 403 (role too weak)."""
    principal = current_principal()
    if principal is None:
        fail(
            401,
            f"This endpoint needs an API key with the '{role}' role: send 'Authorization: Bearer <key>'.",
            code="unauthorized",
        )
    if not principal.has_role(role):
        fail(403, f"This key's role '{principal.role}' cannot do this; it needs '{role}'.", code="forbidden")
    return principal


def require_role(role: str) -> Callable[[F], F]:
    """Decorator: the view runs only for callers that may act as ``role``."""
    if role not in _RANK:
        raise ValueError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            check_role(role)
            return view(*args, **kwargs)

        return cast(F, wrapper)

    return decorate


def requires(blp: Any, role: str) -> Callable[[F], F]:
    """Decorator for flask-smorest views: enforce ``role`` and document the key, 401 and 403 in OpenAPI."""

    def decorate(view: F) -> F:
        guarded = require_role(role)(view)
        guarded = blp.doc(security=[{SECURITY_SCHEME: []}])(guarded)
        guarded = blp.alt_response(401, schema=ErrorSchema, description="No API key, or an unknown one.")(guarded)
        return cast(F, blp.alt_response(403, schema=ErrorSchema, description=f"The key is not '{role}'.")(guarded))

    return decorate


def access_setting(name: str) -> str | None:
    """The role a configurable access setting (``SCORING_ACCESS``, ``METRICS_ACCESS``) asks for; None when open."""
    value = str(current_app.config[name])
    if value == "open":
        return None
    if value == "key":
        return ROLES[0]
    if value in _RANK:
        return value
    raise ValueError(f"CREDSCORE_{name} must be 'open', 'key' or a role ({', '.join(ROLES)}), not {value!r}")


def configurable_access(setting: str) -> Callable[[F], F]:
    """Decorator: the view is open or needs a key, as configuration ``setting`` says."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            role = access_setting(setting)
            if role is not None:
                check_role(role)
            return view(*args, **kwargs)

        return cast(F, wrapper)

    return decorate


def init_app(app: Flask) -> None:
    """Install the configured key store and resolve the caller before every request."""
    for setting in ("SCORING_ACCESS", "METRICS_ACCESS"):
        with app.app_context():
            access_setting(setting)
    app.extensions.setdefault(EXTENSION, ConfigKeyStore(app.config["API_KEYS"] or []))
    app.before_request(authenticate)

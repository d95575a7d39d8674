"""The request-body guard: every JSON body is bounded, well-formed and clean before any view sees it.

Runs before routing reaches a view, so hostile bodies cost little and get a
clear 4xx: 411 for a chunked body without a length, 413 above
``MAX_CONTENT_LENGTH``, 415 for a body that is not JSON, 400 for bytes that
are not UTF-8 JSON, for nesting deeper than ``MAX_JSON_DEPTH`` and for NUL
characters or lone surrogates anywhere in the document (no store or renderer
downstream can hold them). What is left (types, unknown fields, lengths) is
the schemas' job, with a 422.
"""

from __future__ import annotations

import json
import re
from typing import Any

from flask import Flask, current_app, g, request
from webargs import core
from webargs.flaskparser import FlaskParser

from api.errors import fail

BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_FORBIDDEN = re.compile("[\x00\ud800-\udfff]")
"""NUL and UTF-16 surrogate code points: one character class, linear time."""
_SUSPECT_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")
"""A ``\\u`` escape that may decode to NUL or a surrogate (or an escaped backslash before such text): only a body
holding one needs its strings searched."""


def _is_json_mimetype(mimetype: str) -> bool:
    return mimetype == "application/json" or (mimetype.startswith("application/") and mimetype.endswith("+json"))


def _describe(char: str) -> str:
    code = ord(char)
    return "a NUL character" if code == 0 else f"a lone surrogate (U+{code:04X})"


def check_document(data: Any, max_depth: int, strings: bool = True) -> None:
    """Refuse nesting deeper than ``max_depth`` and, with ``strings``, forbidden characters in any key or string.

    Iterative, so a deep document cannot exhaust the stack. Without ``strings``
    only containers are visited: the cheap walk for bodies that cannot hold a
    forbidden character at all (see :func:`guard_body`).
    """
    stack: list[tuple[Any, int, str]] = [(data, 1, "")]
    while stack:
        value, depth, path = stack.pop()
        if isinstance(value, str):
            found = _FORBIDDEN.search(value)
            if found:
                fail(
                    400,
                    f"A string contains {_describe(found.group())}.",
                    code="invalid_characters",
                    errors={path or "$": [f"contains {_describe(found.group())} at position {found.start()}"]},
                )
            continue
        if not isinstance(value, dict | list):
            continue
        if depth > max_depth:
            fail(400, f"The JSON body is nested more than {max_depth} levels deep.", code="too_deeply_nested")
        if isinstance(value, dict):
            for key, item in value.items():
                if strings:
                    found = _FORBIDDEN.search(key)
                    if found:
                        fail(
                            400,
                            f"A key contains {_describe(found.group())}.",
                            code="invalid_characters",
                            errors={path or "$": [f"a key contains {_describe(found.group())}"]},
                        )
                    stack.append((item, depth + 1, f"{path}.{key}" if path else key))
                elif isinstance(item, dict | list):
                    stack.append((item, depth + 1, ""))
        elif strings:
            stack.extend((item, depth + 1, f"{path}[{index}]") for index, item in enumerate(value))
        else:
            stack.extend((item, depth + 1, "") for item in value if isinstance(item, dict | list))


def guard_body() -> None:
    """``before_request`` hook: parse and check the JSON body once, keep it on ``g.json_body``."""
    if request.method not in BODY_METHODS:
        return
    length = request.content_length
    if length is None and "chunked" in request.headers.get("Transfer-Encoding", "").lower():
        fail(411, "Send the body with a Content-Length header; chunked bodies without a length are refused.")
    if not length:
        return
    limit = int(current_app.config["MAX_CONTENT_LENGTH"])
    if length > limit:
        fail(413, f"The body is {length:,} bytes; the limit is {limit:,} (CREDSCORE_MAX_CONTENT_LENGTH).")
    if not _is_json_mimetype(request.mimetype):
        fail(415, "Send the body as JSON with 'Content-Type: application/json'.")
    raw = request.get_data(cache=True)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        fail(400, f"The body is not UTF-8 (invalid byte at offset {error.start}).", code="invalid_json")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        fail(
            400,
            f"The body is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}.",
            code="invalid_json",
        )
    except RecursionError:
        fail(400, "The JSON body is nested too deeply.", code="too_deeply_nested")
    # Valid UTF-8 cannot encode a surrogate, and strict JSON refuses raw control characters, so a NUL or a lone
    # surrogate can only arrive as a \\u0000 or \\uD800-\\uDFFF escape: without one, only the depth needs
    # checking, and a body with no more brackets than the depth allows (brackets inside strings only add to the
    # count) cannot be too deep.
    max_depth = int(current_app.config["MAX_JSON_DEPTH"])
    strings = _SUSPECT_ESCAPE.search(text) is not None
    if strings or text.count("{") + text.count("[") > max_depth:
        check_document(data, max_depth, strings=strings)
    g.json_body = data


MEMO = "credscore.loaded_bodies"
MEMO_SIZE = 1024
"""Bodies whose loaded arguments a worker remembers per schema (at most ``MEMO_MAX_BYTES`` each)."""
MEMO_MAX_BYTES = 16 * 1024
_UNSEEN = object()


class GuardedParser(FlaskParser):
    """webargs parser that reads the body :func:`guard_body` already parsed and checked.

    A schema that declares ``PURE = True`` (its load depends on nothing but the
    body and the app's configuration, and returns immutable values) has what it
    loaded remembered by the exact body bytes: a widget sends the same story on
    every page view, and validating it again is a fifth of such a request.
    Only successful loads are remembered; an invalid body is checked every time.
    """

    def parse(self, argmap: Any, req: Any = None, *, location: str | None = None, **kwargs: Any) -> Any:
        if not getattr(argmap, "PURE", False) or location not in (None, "json"):
            return super().parse(argmap, req, location=location, **kwargs)
        raw = request.get_data(cache=True)
        if len(raw) > MEMO_MAX_BYTES:
            return super().parse(argmap, req, location=location, **kwargs)
        memo: dict[tuple[int, bytes], Any] = current_app.extensions.setdefault(MEMO, {})
        key = (id(argmap), raw)
        loaded = memo.get(key, _UNSEEN)
        if loaded is _UNSEEN:
            loaded = super().parse(argmap, req, location=location, **kwargs)
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            memo[key] = loaded
        return loaded

    def _raw_load_json(self, req: Any) -> Any:
        if "json_body" in g:
            return g.json_body
        return core.missing


def init_app(app: Flask) -> None:
    """Check every request body before it reaches a view."""
    app.before_request(guard_body)

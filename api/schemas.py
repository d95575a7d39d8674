"""Validation at the edge: what a story may look like before it reaches ``scoring``.

The same schemas serve the HTTP API and the command line, so both reject the
same inputs with the same messages. Limits are deliberately generous for real
stories and small enough that no single request can exhaust the machine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate, validates_schema

from scoring.claims import SOURCE_TYPES, Story, story_from_dict

MAX_CLAIMS = 5000
MAX_SOURCES_PER_CLAIM = 50
MAX_TEXT = 5000
MAX_FIELD = 500
MAX_ID = 100


def _printable(value: str) -> None:
    """Reject characters no news text contains and that break storage or display."""
    for position, char in enumerate(value):
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            raise ValidationError(f"contains a lone surrogate (U+{code:04X}) at position {position}")
        if code == 0 or (code < 0x20 and char not in "\t\n\r"):
            raise ValidationError(f"contains a control character (U+{code:04X}) at position {position}")


def _text(max_length: int, required: bool = False) -> fields.String:
    validators: list[Callable[[Any], Any]] = [validate.Length(max=max_length), _printable]
    if required:
        validators.insert(0, validate.Length(min=1, error="must not be empty"))
    return fields.String(required=required, validate=validators)


class SourceSchema(Schema):
    """A source as the story words it; at least a mention, a name or an organisation."""

    class Meta:
        unknown = RAISE

    id = _text(MAX_ID)
    mention = _text(MAX_FIELD)
    name = _text(MAX_FIELD)
    organisation = _text(MAX_FIELD)
    role = _text(MAX_FIELD)
    type = fields.String(validate=validate.OneOf(("", *SOURCE_TYPES)))
    party = _text(MAX_FIELD)
    citing = _text(MAX_FIELD)

    @validates_schema
    def _identified(self, data: dict[str, Any], **_: Any) -> None:
        if not any((data.get(key) or "").strip() for key in ("mention", "name", "organisation")):
            raise ValidationError("a source needs a 'mention', a 'name' or an 'organisation'", "_schema")


class ClaimSchema(Schema):
    """One claim with the sources it is attributed to."""

    class Meta:
        unknown = RAISE

    id = _text(MAX_ID)
    text = _text(MAX_TEXT, required=True)
    sources = fields.List(
        fields.Nested(SourceSchema), load_default=list, validate=validate.Length(max=MAX_SOURCES_PER_CLAIM)
    )

    @validates_schema
    def _not_blank(self, data: dict[str, Any], **_: Any) -> None:
        if not data.get("text", "").strip():
            raise ValidationError("must not be blank", "text")


class StorySchema(Schema):
    """The claims of one story; loading returns a :class:`scoring.Story`."""

    class Meta:
        unknown = RAISE

    id = _text(MAX_ID)
    title = _text(MAX_FIELD)
    claims = fields.List(
        fields.Nested(ClaimSchema),
        required=True,
        validate=validate.Length(min=1, max=MAX_CLAIMS, error="must hold between {min} and {max} claims"),
    )

    @validates_schema
    def _unique_ids(self, data: dict[str, Any], **_: Any) -> None:
        ids = [c["id"] for c in data.get("claims", []) if c.get("id")]
        duplicates = sorted({i for i in ids if ids.count(i) > 1}) if len(ids) != len(set(ids)) else []
        if duplicates:
            raise ValidationError(f"claim ids must be unique; repeated: {', '.join(duplicates[:5])}", "claims")

    @post_load
    def _to_story(self, data: dict[str, Any], **_: Any) -> Story:
        return story_from_dict(data)

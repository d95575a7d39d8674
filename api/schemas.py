"""Validation at the edge: what a story may look like before it reaches ``scoring``.

The same schemas serve the HTTP API and the command line, so both reject the
same inputs with the same messages. Limits are deliberately generous for real
stories and small enough that no single request can exhaust the machine.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app, has_app_context
from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate, validates_schema

from scoring.claims import SOURCE_TYPES, Story, story_from_dict

MAX_CLAIMS = 5000
MAX_SOURCES_PER_CLAIM = 50
MAX_TEXT = 5000
MAX_FIELD = 500
MAX_ID = 100
MAX_BATCH = 100
MAX_ARTICLE = 200_000
MAX_URL = 2000

PRINTABLE = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]*$"
"""OpenAPI ``pattern`` for :func:`_printable` (surrogates cannot be written in a portable pattern; they are
refused before validation anyway)."""
NOT_BLANK = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]*[^\\s\\x00-\\x1f][^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]*$"
"""OpenAPI ``pattern`` for a printable text that is not blank."""


_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
"""Control characters other than tab and newlines, and surrogates: one character class, searched in C."""


def _printable(value: str) -> None:
    """Reject characters no news text contains and that break storage or display."""
    found = _UNPRINTABLE.search(value)
    if found is None:
        return
    code, position = ord(found.group()), found.start()
    if 0xD800 <= code <= 0xDFFF:
        raise ValidationError(f"contains a lone surrogate (U+{code:04X}) at position {position}")
    raise ValidationError(f"contains a control character (U+{code:04X}) at position {position}")


def _text(max_length: int, required: bool = False) -> fields.String:
    validators: list[Callable[[Any], Any]] = [validate.Length(max=max_length), _printable]
    if required:
        validators.insert(0, validate.Length(min=1, error="must not be empty"))
    return fields.String(
        required=required, validate=validators, metadata={"pattern": NOT_BLANK if required else PRINTABLE}
    )


def _one_identified(*keys: str) -> dict[str, Any]:
    """OpenAPI for "at least one of ``keys`` is present and not blank" (what ``_identified`` checks)."""
    return {"anyOf": [{"required": [key], "properties": {key: {"pattern": NOT_BLANK}}} for key in keys]}


class SourceSchema(Schema):
    """A source as the story words it; at least a mention, a name or an organisation."""

    class Meta:
        unknown = RAISE

    OPENAPI_EXTRA = _one_identified("mention", "name", "organisation")

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
        _check_claims(data.get("claims", []))

    @post_load
    def _to_story(self, data: dict[str, Any], **_: Any) -> Story:
        return story_from_dict(data)


def _configured(name: str, ceiling: int) -> int:
    """A limit from the running app's configuration (``CREDSCORE_<name>``), never above the schema's ceiling."""
    if not has_app_context():
        return ceiling
    return min(int(current_app.config.get(name, ceiling)), ceiling)


def _check_claims(claims: list[dict[str, Any]]) -> None:
    """Unique claim ids, and the deployment's claim-count and text-length limits."""
    ids = [c["id"] for c in claims if c.get("id")]
    duplicates = sorted({i for i in ids if ids.count(i) > 1}) if len(ids) != len(set(ids)) else []
    if duplicates:
        raise ValidationError(f"claim ids must be unique; repeated: {', '.join(duplicates[:5])}", "claims")
    most = _configured("MAX_CLAIMS", MAX_CLAIMS)
    if len(claims) > most:
        raise ValidationError(f"must hold between 1 and {most} claims (CREDSCORE_MAX_CLAIMS)", "claims")
    longest = _configured("MAX_CLAIM_CHARS", MAX_TEXT)
    too_long = {
        index: {"text": [f"Longer than maximum length {longest} (CREDSCORE_MAX_CLAIM_CHARS)."]}
        for index, claim in enumerate(claims)
        if len(claim.get("text", "")) > longest
    }
    if too_long:
        raise ValidationError(too_long, "claims")


@dataclass(frozen=True)
class ItemError:
    """A batch item that failed validation: its field errors, reported beside the other items' results."""

    messages: Any


class BatchItem(fields.Field[Any]):
    """A story inside a batch: a story object that fails validation becomes an :class:`ItemError`.

    Anything that is not an object fails the whole batch (the caller's code is
    wrong, not one story). The OpenAPI document shows the item as the story
    schema, or any object, since an invalid story is answered per item.
    """

    def __init__(self, schema: type[Schema], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.schema = schema
        self._loader: Schema | None = None

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if not isinstance(value, dict):
            raise ValidationError("each item must be a story object with a 'claims' list")
        try:
            if self._loader is None:  # one instance per field: building a schema costs more than loading a story
                self._loader = self.schema()
            return self._loader.load(value)
        except ValidationError as error:
            return ItemError(error.messages)


@dataclass(frozen=True)
class ScoreRequest:
    """What ``POST /v1/score`` was asked: one story, or a batch whose items are stories or item errors."""

    story: Story | None = None
    batch: tuple[Story | ItemError, ...] = ()


class ScoreRequestSchema(Schema):
    """One story (``claims``, with optional ``id`` and ``title``) or a batch of stories (``stories``)."""

    class Meta:
        unknown = RAISE

    PURE = True
    """Loading reads only the body and the app's limits and returns frozen dataclasses (see GuardedParser)."""

    OPENAPI_EXTRA = {
        "oneOf": [
            {"required": ["claims"], "not": {"required": ["stories"]}},
            {"required": ["stories"], "not": {"anyOf": [{"required": [k]} for k in ("claims", "id", "title")]}},
        ]
    }

    id = _text(MAX_ID)
    title = _text(MAX_FIELD)
    claims = fields.List(
        fields.Nested(ClaimSchema),
        validate=validate.Length(min=1, max=MAX_CLAIMS, error="must hold between {min} and {max} claims"),
        metadata={"description": "The claims of one story (give this or 'stories')."},
    )
    stories = fields.List(
        BatchItem(StorySchema),
        validate=validate.Length(min=1, max=MAX_BATCH, error="must hold between {min} and {max} stories"),
        metadata={"description": "A batch of stories (give this or 'claims'); each item gets its own result or error."},
    )

    @validates_schema
    def _one_shape(self, data: dict[str, Any], **_: Any) -> None:
        if ("claims" in data) == ("stories" in data):
            raise ValidationError("give either 'claims' (one story) or 'stories' (a batch), not both", "_schema")
        if "claims" in data:
            _check_claims(data["claims"])
            return
        if "id" in data or "title" in data:
            raise ValidationError("'id' and 'title' belong inside each story of a batch", "_schema")
        stories = data["stories"]
        most = _configured("MAX_BATCH", MAX_BATCH)
        if len(stories) > most:
            raise ValidationError(f"must hold between 1 and {most} stories (CREDSCORE_MAX_BATCH)", "stories")
        total = sum(len(s.claims) for s in stories if isinstance(s, Story))
        budget = _configured("MAX_BATCH_CLAIMS", MAX_CLAIMS)
        if total > budget:
            raise ValidationError(
                f"the batch holds {total} claims; at most {budget} per call (CREDSCORE_MAX_BATCH_CLAIMS)", "stories"
            )

    @post_load
    def _to_request(self, data: dict[str, Any], **_: Any) -> ScoreRequest:
        if "claims" in data:
            return ScoreRequest(story=story_from_dict(data))
        return ScoreRequest(batch=tuple(data["stories"]))


class AnalyzeRequestSchema(Schema):
    """An article to read: its text, and what the caller knows about where it comes from."""

    class Meta:
        unknown = RAISE

    text = fields.String(
        required=True,
        validate=[
            validate.Length(min=1, max=MAX_ARTICLE, error="must hold between {min} and {max} characters"),
            _printable,
        ],
        metadata={"description": "The article's plain text (English).", "pattern": NOT_BLANK},
    )
    url = _text(MAX_URL)
    title = _text(MAX_FIELD)
    date = fields.Date(metadata={"description": "Publication date (ISO 8601)."})

    @validates_schema
    def _not_blank(self, data: dict[str, Any], **_: Any) -> None:
        text = data.get("text", "")
        if not text.strip():
            raise ValidationError("must not be blank", "text")
        longest = _configured("MAX_ARTICLE_CHARS", MAX_ARTICLE)
        if len(text) > longest:
            raise ValidationError(
                f"the article is {len(text):,} characters; at most {longest:,} (CREDSCORE_MAX_ARTICLE_CHARS)", "text"
            )

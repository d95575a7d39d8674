"""The ``credscore`` command: score stories from files, or serve the API."""

from __future__ import annotations

import json
import sys
from typing import Any, BinaryIO

import click
from marshmallow import ValidationError

from api.schemas import StorySchema
from scoring.claims import Story

MAX_INPUT_BYTES = 20 * 1024 * 1024


class InputError(click.ClickException):
    """Bad input: printed as one clear line on stderr, exit status 1."""

    exit_code = 1


def read_json(stream: BinaryIO, name: str) -> Any:
    """Read at most ``MAX_INPUT_BYTES`` of UTF-8 JSON, with errors a person can act on."""
    raw = stream.read(MAX_INPUT_BYTES + 1)
    if len(raw) > MAX_INPUT_BYTES:
        raise InputError(f"{name}: input is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
    if not raw.strip():
        raise InputError(f"{name}: input is empty; expected a JSON object with a 'claims' list")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{name}: not UTF-8 text (invalid byte at offset {error.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{name}: not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None
    except RecursionError:
        raise InputError(f"{name}: JSON is nested too deeply") from None


def load_story(data: Any, name: str) -> Story:
    """Validate decoded JSON against the story schema."""
    if not isinstance(data, dict):
        raise InputError(f"{name}: expected a JSON object with a 'claims' list, got {type(data).__name__}")
    try:
        story: Story = StorySchema().load(data)
    except ValidationError as error:
        detail = json.dumps(error.messages, ensure_ascii=False, sort_keys=True)
        raise InputError(f"{name}: invalid story: {detail}") from None
    return story


def _open(path: str) -> tuple[BinaryIO, str]:
    if path == "-":
        return sys.stdin.buffer, "<stdin>"
    try:
        return open(path, "rb"), path
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from None


@click.group()
@click.version_option(package_name="credscore")
def main() -> None:
    """Score how well each claim of a news story is sourced."""


@main.command()
@click.argument("path", default="-")
@click.option("--compact", is_flag=True, help="Print JSON on one line.")
def score(path: str, compact: bool) -> None:
    """Score a story given as claims JSON (a FILE, or - for standard input)."""
    from scoring.pipeline import score_story

    stream, name = _open(path)
    try:
        data = read_json(stream, name)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    report = score_story(load_story(data, name))
    click.echo(json.dumps(report, ensure_ascii=False, indent=None if compact else 2))


@main.command()
@click.option("--host", default=None, help="Interface to listen on (default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port to listen on (default 8000).")
def serve(host: str | None, port: int | None) -> None:
    """Run the API on one machine with the embedded defaults."""
    from api import create_app

    app = create_app()
    app.run(host=host or app.config["HOST"], port=port or int(app.config["PORT"]))

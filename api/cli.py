"""The ``credscore`` command: score stories from files, or serve the API."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import click
from marshmallow import ValidationError

from api.schemas import StorySchema
from scoring.claims import Story

if TYPE_CHECKING:
    from scoring.pipeline import Scorer

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


def _shipped_scorer() -> Scorer:
    """The pipeline with the model a fresh service serves (the shipped default, else the rule prior)."""
    from scoring.pipeline import Scorer
    from scoring.training.default import default_model

    model, version = default_model()
    return Scorer(model=model, model_version=version)


@click.group()
@click.version_option(package_name="credscore")
def main() -> None:
    """Score how well each claim of a news story is sourced."""


@main.command()
@click.argument("path", default="-")
@click.option("--compact", is_flag=True, help="Print JSON on one line.")
@click.option("--claimreview", is_flag=True, help="Print schema.org ClaimReview JSON-LD drafts instead of the report.")
@click.option("--claim", "claim_ids", multiple=True, help="With --claimreview: export only this claim id (repeatable).")
def score(path: str, compact: bool, claimreview: bool, claim_ids: tuple[str, ...]) -> None:
    """Score a story given as claims JSON (a FILE, or - for standard input)."""
    from scoring.claimreview import Appearance, claim_reviews
    from scoring.pipeline import score_story

    stream, name = _open(path)
    try:
        data = read_json(stream, name)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    story = load_story(data, name)
    report = score_story(story, _shipped_scorer())
    if claimreview:
        try:
            report = claim_reviews(report, Appearance(headline=story.title), claim_ids)
        except KeyError as error:
            raise InputError(f"{name}: {error.args[0]}") from None
    click.echo(json.dumps(report, ensure_ascii=False, indent=None if compact else 2))


def read_text(stream: BinaryIO, name: str) -> str:
    """Read at most ``MAX_INPUT_BYTES`` of UTF-8 article text, with errors a person can act on."""
    raw = stream.read(MAX_INPUT_BYTES + 1)
    if len(raw) > MAX_INPUT_BYTES:
        raise InputError(f"{name}: input is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
    if not raw.strip():
        raise InputError(f"{name}: input is empty; expected the text of a news article")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{name}: not UTF-8 text (invalid byte at offset {error.start})") from None


@main.command()
@click.argument("path", default="-")
@click.option("--compact", is_flag=True, help="Print JSON on one line.")
def analyze(path: str, compact: bool) -> None:
    """Find the claims and sources of a news article (a FILE, or - for standard input) and score them."""
    from scoring.attribution import ArticleError, extract_story
    from scoring.pipeline import score_story

    stream, name = _open(path)
    try:
        text = read_text(stream, name)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    try:
        story = extract_story(text)
    except ArticleError as error:
        raise InputError(f"{name}: {error}") from None
    click.echo(json.dumps(score_story(story, _shipped_scorer()), ensure_ascii=False, indent=None if compact else 2))


@main.command()
@click.option("--host", default=None, help="Interface to listen on (default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port to listen on (default 8000).")
def serve(host: str | None, port: int | None) -> None:
    """Run the API on one machine with the embedded defaults."""
    from api import create_app

    app = create_app()
    app.run(host=host or app.config["HOST"], port=port or int(app.config["PORT"]))


def _keys_group() -> click.Group:
    """``credscore keys …`` (api/cli_keys.py)."""
    from api.cli_keys import keys

    return keys


def _add_retraining_commands() -> None:
    """``credscore labels …`` and ``credscore models …`` (api/cli_retraining.py)."""
    from api.cli_retraining import labels, models

    main.add_command(labels)
    main.add_command(models)


_add_retraining_commands()
main.add_command(_keys_group())


@main.command("train-conflict")
@click.option(
    "--data",
    "data_root",
    default=str(Path(__file__).resolve().parents[2] / "shared" / "data"),
    show_default=True,
    help="Directory holding fnc-1/ and emergent/ (the project's shared data).",
)
@click.option("--out", default=None, help="Artifact path (default: the one the package ships).")
def train_conflict(data_root: str, out: str | None) -> None:
    """Rebuild the trained conflict model, its sha256 and model card from FNC-1 and Emergent."""
    from scoring.knowledge import load_knowledge
    from scoring.stance.artifact import SHIPPED_ARTIFACT
    from scoring.stance.training import build_artifact

    target = Path(out) if out else SHIPPED_ARTIFACT
    try:
        digest, bundle = build_artifact(Path(data_root), target, load_knowledge(), log=click.echo)
    except FileNotFoundError as error:
        raise InputError(str(error)) from None
    size = target.stat().st_size / 1e6
    click.echo(f"wrote {target} ({size:.1f} MB, sha256 {digest}) in {bundle['train_seconds']} s of training")


@main.command("train-attribution")
@click.option(
    "--data",
    "data_root",
    default=str(Path(__file__).resolve().parents[2] / "shared" / "data" / "attribution" / "polnear"),
    show_default=True,
    help="The PolNeAR corpus directory (metadata.tsv, train/, dev/).",
)
@click.option("--out", default=None, help="Artifact path (default: the one the package ships).")
def train_attribution(data_root: str, out: str | None) -> None:
    """Rebuild the article attribution tagger and its sha256 from PolNeAR train (scored on dev)."""
    from scoring.attribution.artifact import SHIPPED_ARTIFACT
    from scoring.attribution.training import build_artifact

    target = Path(out) if out else SHIPPED_ARTIFACT
    try:
        digest, bundle = build_artifact(Path(data_root), target, log=click.echo)
    except FileNotFoundError as error:
        raise InputError(str(error)) from None
    size = target.stat().st_size / 1e6
    click.echo(f"wrote {target} ({size:.1f} MB, sha256 {digest}) in {bundle['train_seconds']} s of training")


@main.command("train-default")
@click.option(
    "--labels",
    "labels_path",
    default=str(Path(__file__).resolve().parents[1] / "fixtures" / "labels" / "default-training.jsonl"),
    show_default=True,
    help="JSONL labels to learn from (the project's own labelled claims).",
)
@click.option("--out", default=None, help="Directory to write (default: the one the package ships).")
def train_default(labels_path: str, out: str | None) -> None:
    """Rebuild the default credibility model; it is written only if it passes the gate against the rule prior."""
    from scoring.training.default import DEFAULT_DIR
    from scoring.training.default_build import build, read_training_labels, write
    from scoring.training.default_card import summary

    try:
        result = build(read_training_labels(Path(labels_path)))
    except (FileNotFoundError, ValueError) as error:
        raise InputError(str(error)) from None
    click.echo(summary(result))
    if not result.decision.promote:
        raise InputError(f"not written: the gate refused the model. {result.decision.reason}")
    target = Path(out) if out else DEFAULT_DIR
    write(result, target)
    click.echo(f"wrote {target} ({result.version}, {len(result.artifact):,} bytes, sha256 {result.sha256})")

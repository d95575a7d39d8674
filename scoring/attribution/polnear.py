"""Reading PolNeAR (brat standoff) for the benchmark and the trainer; never imported by the service.

PolNeAR keeps one ``text/<article>.txt`` per article and one
``attributions/<article>_<annotator>.ann`` per annotator. ``.ann`` quirks handled
here: E lines may refer to T ids defined later (two passes), span texts may hold
newlines (lines not starting with ``T``/``E``/``#`` continue the previous record),
and discontinuous spans (``a b;c d``) are read as their outer extent.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

_RECORD = re.compile(r"[TE#]\d+\t")
ROLES = ("source", "cue", "content")

Spans = list[tuple[int, int]]


@dataclass(frozen=True)
class Article:
    """One annotated article: its text and gold spans by role (``source``, ``cue``, ``content``)."""

    name: str
    text: str
    gold: dict[str, Spans]


def annotator_files(root: Path, split: str) -> dict[str, Path]:
    """One .ann file per article of ``split``: the first listed annotator's that exists."""
    chosen: dict[str, Path] = {}
    annotators: dict[str, list[str]] = {}
    with (root / "metadata.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["compartment"] == split:
                annotators[row["filename"]] = row["annotators"].split("|")
    for name, ids in sorted(annotators.items()):
        for ann in ids:
            path = root / split / "attributions" / f"{name}_{ann}.ann"
            if path.exists():
                chosen[name] = path
                break
    return chosen


def parse_ann(text: str) -> dict[str, Spans]:
    """Gold source, cue and content spans of one brat file's text, each sorted and unique."""
    records: list[str] = []
    for line in text.split("\n"):
        if _RECORD.match(line) or not records:
            records.append(line)
        else:
            records[-1] += "\n" + line
    tspans: dict[str, tuple[int, int]] = {}
    for rec in records:
        if not rec.startswith("T"):
            continue
        parts = rec.split("\t")
        label_offsets = parts[1].split(" ", 1) if len(parts) >= 2 else []
        if len(label_offsets) < 2:
            continue
        frags = [f.split() for f in label_offsets[1].split(";")]
        pairs = [(int(f[0]), int(f[1])) for f in frags if len(f) == 2 and f[0].isdigit() and f[1].isdigit()]
        if pairs:
            tspans[parts[0]] = (min(a for a, _ in pairs), max(b for _, b in pairs))
    gold: dict[str, set[tuple[int, int]]] = {role: set() for role in ROLES}
    for rec in records:
        if rec.startswith("E"):
            for arg in rec.split("\t", 1)[-1].split():
                role, _, tid = arg.partition(":")
                key = role.lower()
                if key in gold and tid in tspans:
                    gold[key].add(tspans[tid])
    return {k: sorted(v) for k, v in gold.items()}


def read_split(root: Path, split: str) -> list[Article]:
    """Every article of a PolNeAR split (``train``, ``dev`` or ``test``) with one annotator's spans."""
    out: list[Article] = []
    for name, ann in annotator_files(root, split).items():
        text = (root / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        out.append(Article(name, text, parse_ann(ann.read_text(encoding="utf-8"))))
    return out


def read_directory(directory: Path) -> list[Article]:
    """Articles of a small brat directory: ``NAME.txt`` beside ``NAME.ann`` (for fixtures)."""
    out: list[Article] = []
    for ann in sorted(directory.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        out.append(Article(ann.stem, text, parse_ann(ann.read_text(encoding="utf-8"))))
    return out

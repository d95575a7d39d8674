"""Development benchmark of the kind of source of single statements (no holdout).

Measures :func:`scoring.attribution.sourcing.statement_source_kind` on

(a) the development sets written for this project (``fixtures/attribution/``):
    ``source-types-dev.tsv`` (used to write the rules) and ``source-types-heldback.tsv`` (a third of the second
    development set, never used to write rules: only measured);
(b) 122 gold source spans of PolNeAR's DEV split labelled by hand with the five kinds
    (``bench/data/polnear-dev-source-kinds.tsv``: article, offsets and label only; the statement is the sentence
    holding the span, read from ``../shared/data``, and this part is skipped politely when that is absent).

It never reads ``holdout/``: that is ``bench/attribution.py``'s, for the final report only. Prints accuracy,
per-kind F1 and the F1 of "anonymous or unnamed" (anonymous individual + unnamed group against the rest), the
figures of the sourcing-types holdout; ``--json`` adds one JSON object as the last line, ``--misses`` lists the
development rows read wrong (never the held-back ones).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring.attribution import KINDS  # noqa: E402
from scoring.attribution.evaluation import score_kinds  # noqa: E402
from scoring.attribution.sourcing import statement_source_kind  # noqa: E402

FIXTURES = ROOT / "fixtures" / "attribution"
POLNEAR_DEV_TEXT = ROOT.parent / "shared" / "data" / "attribution" / "polnear" / "dev" / "text"
POLNEAR_LABELS = ROOT / "bench" / "data" / "polnear-dev-source-kinds.tsv"


def _fixture(path: Path) -> list[tuple[str, str]]:
    """(kind, statement) rows of a development table, known misses included (they count as errors)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if not line.startswith("#") and len(parts) >= 2 and parts[0] in KINDS:
            rows.append((parts[0], parts[1]))
    return rows


def _polnear() -> list[tuple[str, str]] | None:
    """(kind, sentence) for the hand-labelled PolNeAR dev spans, or None when the data is absent."""
    if not POLNEAR_DEV_TEXT.is_dir():
        return None
    texts: dict[str, str] = {}
    rows = []
    with POLNEAR_LABELS.open(encoding="utf-8") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t"):
            name = row["article"]
            if name not in texts:
                texts[name] = (POLNEAR_DEV_TEXT / f"{name}.txt").read_text(encoding="utf-8")
            rows.append((row["kind"], texts[name][int(row["sentence_start"]) : int(row["sentence_end"])]))
    return rows


def score(rows: list[tuple[str, str]]) -> dict[str, float]:
    """Accuracy, per-kind F1 and anonymous-or-unnamed F1 of the predicted kinds."""
    pairs = [(gold, statement_source_kind(statement)) for gold, statement in rows]
    return score_kinds(pairs)


def main(argv: list[str] | None = None) -> int:
    """Print one table column per data set (and a JSON line with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    parser.add_argument("--misses", action="store_true", help="list development rows read wrong (not held-back)")
    args = parser.parse_args(argv)
    sets: dict[str, list[tuple[str, str]]] = {
        "dev": _fixture(FIXTURES / "source-types-dev.tsv"),
        "held-back": _fixture(FIXTURES / "source-types-heldback.tsv"),
    }
    polnear = _polnear()
    if polnear is None:
        print(f"PolNeAR dev part skipped: {POLNEAR_DEV_TEXT} not found (needs ../shared/data)")
    else:
        sets["polnear-dev"] = polnear
    results = {name: score(rows) for name, rows in sets.items()}
    print(f"{'':<32}" + "".join(f"{name:>14}" for name in results))
    for key in next(iter(results.values())):
        cells = "".join(f"{int(r[key]):>14d}" if key == "statements" else f"{r[key]:>14.3f}" for r in results.values())
        print(f"{key:<32}{cells}")
    if args.misses:
        for gold, statement in sets["dev"]:
            predicted = statement_source_kind(statement)
            if predicted != gold:
                print(f"miss: gold={gold} predicted={predicted}: {statement}")
    if args.json:
        print(json.dumps({name: {k: round(v, 4) for k, v in r.items()} for name, r in results.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The model card written beside the artifact: data, its terms, metrics, limits, how to rebuild.

It is generated from the bundle, so the numbers in it are the ones the
artifact was trained with; ``bench/conflict.py --update-card`` adds the
final test-set report between the markers below.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

TEST_BEGIN = "<!-- test-report:begin -->"
TEST_END = "<!-- test-report:end -->"


def _table(rows: dict[str, Any]) -> str:
    lines = ["| metric | value |", "|---|---|"]
    lines.extend(f"| {key} | {value} |" for key, value in rows.items())
    return "\n".join(lines)


def render(bundle: dict[str, Any], digest: str, test_report: str = "") -> str:
    """The card's Markdown."""
    claims, fnc = bundle["claims"], bundle["fnc"]
    data = "\n".join(f"| `{name}` | `{sha}` |" for name, sha in bundle["data"].items())
    versions = ", ".join(f"{k} {v}" for k, v in bundle["versions"].items())
    return f"""# Conflict model card

`conflict-model.skops` (sha256 `{digest}`): two small scikit-learn models over explainable pair features
(`scoring/stance/features.py`: TF-IDF cosine, shared content words, which side negates, denies or hedges the
shared words, contrast pairs from `scoring/knowledge/lexicon/contrast_pairs.tsv`, quantities that cannot both
hold, per-text cue counts).

* **claims** (used by the scoring pipeline): multinomial logistic regression (C={claims["c"]}, balanced class
  weights) over the pair features and the word TF-IDF of the second text; stances agree / disagree / discuss /
  unrelated. A candidate pair sharing at least {claims["min_shared"]} content words, and not made of two negative
  claims (left to the rules), is a conflict when max(P(disagree | a, b), P(disagree | b, a)) >=
  {claims["threshold"]} (chosen for cross-validated precision {bundle["config"]["target_precision"]}).
* **fnc** (headline vs article body, used for the FNC-1 benchmark): histogram gradient boosting, class-weight
  power {fnc["weight_power"]}.

Built with {versions}; knowledge digest `{bundle["knowledge"][:12]}`; training took {bundle["train_seconds"]} s.

## Data and its terms

| file | sha256 |
|---|---|
{data}

* **FNC-1** (Fake News Challenge stage 1, FakeNewsChallenge/fnc-1): the repository has no licence file or
  statement; the data derives from Emergent. Terms are unclear: research / benchmark use; check before any
  commercial redistribution. `train_stances.csv` is a byte-identical rebuild of the official rows (UKPLab,
  Apache-2.0 repository) in a different order. Trained on `train_*` only; hyper-parameters chosen on the
  baseline hold-out split (`splits/hold_out_ids.txt`), then refitted on all train pairs.
* **Emergent** (Ferreira & Vlachos 2016, Craig Silverman's Emergent project), `emergent/train.csv` (2,071 pairs,
  240 claims): no licence in any repository; research use. Emergent's pairs are all related, so each claim is also
  paired with {bundle["config"]["unrelated_per_claim"]} headlines of other claims (seeded) as `unrelated`.
  The claims model is trained on Emergent only (FNC-1 headlines come from Emergent, so mixing them would leak
  into the Emergent test split).
* The artifact holds model parameters and vocabularies (words and word pairs seen at least twice), not the texts.
  Anyone redistributing it should respect the terms above.

## Metrics used to choose the model (training data only)

FNC-1 baseline hold-out (model fitted on the other bodies):

{_table(bundle["metrics"]["fnc_holdout"])}

Emergent train, {bundle["config"]["folds"]}-fold cross-validation grouped by claim (3-class, related pairs):

{_table(bundle["metrics"]["emergent_cv"])}

## Final test report

{TEST_BEGIN}
{test_report or "Not yet measured: run `python bench/conflict.py --update-card`."}
{TEST_END}

## Limits

* English news headlines and sentences only; trained on 2014–2015 rumour reporting (Emergent, FNC-1).
* The claims model reads word cues ("hoax", "denies", "reportedly") and overlap; it does not understand
  paraphrase, sarcasm or world knowledge, and misses conflicts stated without shared words or cues.
* Probabilities come from balanced class weights and are not calibrated frequencies; the threshold was chosen
  for precision {bundle["config"]["target_precision"]} on cross-validation, with unrelated pairs in the mix.
* The pipeline keeps the explicit rules: the model adds conflicts and reasons, it never removes a rule's finding.

## How to rebuild

```sh
credscore train-conflict --data ../shared/data
```

Seeds are fixed; the same data and library versions give the same predictions and metrics. The skops file's bytes
differ between builds (skops names its array members by object id), so compare builds by their metrics and
predictions, not by the artifact hash. Then run `python bench/conflict.py --update-card` for the test report.
"""


def write(bundle: dict[str, Any], digest: str, path: Path) -> None:
    """Write the card, keeping an existing test report only if it was measured on this same artifact."""
    report = ""
    if path.is_file():
        old = path.read_text(encoding="utf-8")
        if digest in old and TEST_BEGIN in old and TEST_END in old:
            report = old.split(TEST_BEGIN, 1)[1].split(TEST_END, 1)[0].strip()
    path.write_text(render(bundle, digest, report), encoding="utf-8")


def set_test_report(path: Path, report: str) -> None:
    """Replace the card's test-report section with ``report``."""
    old = path.read_text(encoding="utf-8")
    head, rest = old.split(TEST_BEGIN, 1)
    _, tail = rest.split(TEST_END, 1)
    path.write_text(f"{head}{TEST_BEGIN}\n{report.strip()}\n{TEST_END}{tail}", encoding="utf-8")

"""Training both stance models from the public corpora, reproducibly.

Choices are made on training data only: the headline-body model's class
weighting on FNC-1's baseline hold-out split (by macro-F1, since FNC-1's own
score rewards the majority classes) and its class scales there (by FNC score,
macro-F1 and disagree-F1 together), the sentence model's regularisation and
its conflict threshold by claim-grouped cross-validation on Emergent's train
file. Both are then refitted on all their training data. Competition-test and
Emergent-test files are never read here. Seeds are fixed and every step is
ordered, so the same data gives the same model and metrics.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy
import sklearn
import skops
from scipy import sparse
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import MaxAbsScaler

from scoring.knowledge import Knowledge
from scoring.stance import metrics
from scoring.stance.artifact import FORMAT
from scoring.stance.data import STANCES, StancePair, read_emergent, read_fnc, read_split, with_unrelated
from scoring.stance.features import FEATURE_NAMES
from scoring.stance.featurize import claims_model_inputs, fnc_inputs, fnc_readers, fnc_words, word_vectorizer
from scoring.stance.headline_body import feature_names as headline_body_names
from scoring.stance.model import DISAGREE, fnc_probabilities, related_inputs

Log = Callable[[str], None]


@dataclass(frozen=True)
class TrainingConfig:
    """Every knob of training, with the values the shipped model was built with."""

    seed: int = 0
    fnc_weight_powers: tuple[float, ...] = (0.5,)
    fnc_iterations: int = 350
    related_mix: float = 0.5
    related_c: float = 1.0
    agree_scales: tuple[float, ...] = (1.0,)
    disagree_scales: tuple[float, ...] = (4.0,)
    claims_c: tuple[float, ...] = (0.25, 0.5, 1.0)
    folds: int = 5
    unrelated_per_claim: int = 3
    target_precision: float = 0.95
    min_shared: int = 2


@dataclass(frozen=True)
class Corpora:
    """Training pairs, and the sha256 of each file they came from."""

    fnc_train: list[StancePair]
    fnc_holdout: list[StancePair]
    emergent: list[StancePair]
    sources: dict[str, str] = field(default_factory=dict)


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_corpora(root: Path) -> Corpora:
    """FNC-1 train (split by the baseline hold-out ids) and Emergent train, from ``root`` (``../shared/data``)."""
    fnc = root / "fnc-1"
    files = {
        "fnc-1/train_stances.csv": fnc / "train_stances.csv",
        "fnc-1/train_bodies.csv": fnc / "train_bodies.csv",
        "fnc-1/splits/hold_out_ids.txt": fnc / "splits" / "hold_out_ids.txt",
        "emergent/train.csv": root / "emergent" / "train.csv",
    }
    missing = [name for name, path in files.items() if not path.is_file()]
    if missing:
        raise FileNotFoundError(f"{root}: missing {', '.join(missing)}; point --data at the shared data directory")
    hold = read_split(files["fnc-1/splits/hold_out_ids.txt"])
    pairs = read_fnc(files["fnc-1/train_stances.csv"], files["fnc-1/train_bodies.csv"])
    return Corpora(
        fnc_train=[p for p in pairs if p.group not in hold],
        fnc_holdout=[p for p in pairs if p.group in hold],
        emergent=read_emergent(files["emergent/train.csv"]),
        sources={name: _file_hash(path) for name, path in files.items()},
    )


def _labels(pairs: Sequence[StancePair]) -> np.ndarray:
    return np.asarray([STANCES.index(p.stance) for p in pairs], dtype=np.int64)


def _names(indices: np.ndarray) -> list[str]:
    return [STANCES[int(i)] for i in indices]


def _report(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> dict[str, float]:
    per_class = metrics.per_class_f1(gold, predicted, labels)
    out = {"accuracy": metrics.accuracy(gold, predicted), "macro_f1": metrics.macro_f1(gold, predicted, labels)}
    out.update({f"f1_{label}": value for label, value in per_class.items()})
    return {key: round(value, 6) for key, value in out.items()}


def _boosting(config: TrainingConfig) -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(
        max_iter=config.fnc_iterations,
        learning_rate=0.1,
        max_leaf_nodes=31,
        l2_regularization=1.0,
        early_stopping=False,
        random_state=config.seed,
    )


def _class_weights(y: np.ndarray, power: float) -> np.ndarray:
    """Per-sample weights ``(largest class / class) ** power``: 0 is none, 1 fully balanced."""
    counts = np.bincount(y, minlength=len(STANCES)).astype(np.float64)
    weights = (counts.max() / np.maximum(counts, 1.0)) ** power
    return np.asarray(weights[y], dtype=np.float64)


def fit_headline_body(
    features: np.ndarray, words: sparse.csr_matrix, y: np.ndarray, config: TrainingConfig, power: float
) -> dict[str, Any]:
    """The headline-body estimators, as the entries of the bundle's ``fnc`` dict.

    The boosted trees learn all four stances; the related-pairs model (see
    :func:`~scoring.stance.model.fnc_probabilities`) learns agree / disagree /
    discuss from the related pairs alone, with balanced class weights, so the
    rare ``disagree`` weighs as much as the others there.
    """
    model = _boosting(config).fit(features, y, sample_weight=_class_weights(y, power))
    out: dict[str, Any] = {"classifier": model, "related_mix": config.related_mix}
    if config.related_mix > 0.0:
        related = np.flatnonzero(y != STANCES.index("unrelated"))
        scaler = MaxAbsScaler().fit(features[related])
        linear = LogisticRegression(
            C=config.related_c, max_iter=2000, class_weight="balanced", random_state=config.seed
        ).fit(related_inputs(scaler, features[related], words[related]), y[related])
        out.update({"related_scaler": scaler, "related_classifier": linear})
    return out


def _fnc_report(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    report = _report(gold, predicted, STANCES)
    report["fnc_score"] = round(metrics.fnc_score(gold, predicted), 4)
    return report


def balanced_score(report: dict[str, float]) -> float:
    """What the class scales are chosen for: FNC score (as a fraction), macro-F1 and disagree-F1, summed.

    FNC-1's own score rewards the majority classes, macro-F1 all four alike,
    and disagree-F1 the class editors need most; one FNC point weighs as much
    as 0.01 of either F1.
    """
    return report["fnc_score"] / 100.0 + report["macro_f1"] + report["f1_disagree"]


def _class_scales(
    proba: np.ndarray, gold: Sequence[str], config: TrainingConfig
) -> tuple[tuple[float, ...], dict[str, float]]:
    """Multipliers of P(agree) and P(disagree) with the best :func:`balanced_score` on the hold-out split.

    Class weighting alone leaves the rare classes under-predicted; scaling
    their probabilities before the argmax moves the decision boundary. Ties
    go to the smaller scales. (Scaling P(agree) up is not in the default grid:
    on a cross-validation by story it cost FNC score for nothing; see the
    model card.)
    """
    best: tuple[tuple[float, float, float], tuple[float, ...], dict[str, float]] | None = None
    for agree in config.agree_scales:
        for disagree in config.disagree_scales:
            scales = (agree, disagree, 1.0, 1.0)
            report = _fnc_report(gold, _names((proba * np.asarray(scales)).argmax(axis=1)))
            key = (round(balanced_score(report), 9), -agree, -disagree)
            if best is None or key > best[0]:
                best = (key, scales, report)
    assert best is not None  # the grids are never empty
    return best[1], best[2]


def train_fnc(corpora: Corpora, knowledge: Knowledge, config: TrainingConfig, log: Log) -> dict[str, Any]:
    """The headline-body model: weighting and class scales chosen on the hold-out split, then refitted on all train.

    For the hold-out evaluation the vectorizers are fitted on the training
    split's texts only, so hold-out bodies are read as new texts, as test
    bodies will be.
    """
    all_pairs = corpora.fnc_train + corpora.fnc_holdout
    readers = fnc_readers(corpora.fnc_train)
    features = fnc_inputs(readers, all_pairs, knowledge)
    words = fnc_words(readers, all_pairs)
    y = _labels(all_pairs)
    train = np.arange(len(corpora.fnc_train))
    hold = np.arange(len(corpora.fnc_train), len(all_pairs))
    gold = _names(y[hold])
    best: tuple[float, float, float] | None = None
    tried: dict[str, dict[str, float]] = {}
    probabilities: dict[float, np.ndarray] = {}
    for power in config.fnc_weight_powers:
        model = fit_headline_body(features[train], words[train], y[train], config, power)
        probabilities[power] = fnc_probabilities(model, features[hold], words[hold])
        report = _fnc_report(gold, _names(probabilities[power].argmax(axis=1)))
        tried[f"power={power}"] = report
        log(
            f"fnc hold-out, class weight power {power}: score {report['fnc_score']:.2f}, "
            f"macro-F1 {report['macro_f1']:.3f}, disagree-F1 {report['f1_disagree']:.3f}"
        )
        key = (report["macro_f1"], report["fnc_score"], -power)
        if best is None or key > best:
            best = key
    assert best is not None
    power = -best[2]
    scales, scaled = _class_scales(probabilities[power], gold, config)
    log(
        f"fnc hold-out, class scales {scales}: score {scaled['fnc_score']:.2f}, "
        f"macro-F1 {scaled['macro_f1']:.3f}, disagree-F1 {scaled['f1_disagree']:.3f}"
    )
    fnc = fnc_readers(all_pairs)
    features = fnc_inputs(fnc, all_pairs, knowledge)
    reader = fnc["reader"]
    fnc.update(fit_headline_body(features, fnc_words(fnc, all_pairs), y, config, power))
    fnc.update(
        {
            "weight_power": power,
            "class_scales": list(scales),
            "feature_names": list(FEATURE_NAMES) + list(headline_body_names(reader)),
        }
    )
    return {
        **fnc,
        "holdout": {**scaled, **{f"unscaled_{k}": v for k, v in tried[f"power={power}"].items()}},
        "tried": tried,
    }


def _drop_stop_words(vectorizer: Any) -> None:
    """Forget the terms cut by ``min_df`` / ``max_features``: only the vocabulary is needed to transform."""
    if hasattr(vectorizer, "stop_words_"):
        del vectorizer.stop_words_


def _claims_classifier(c: float, seed: int) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=seed)


def _symmetric_disagree(model: Any, scaler: Any, forward: Any, backward: Any) -> np.ndarray:
    """``max(P(disagree | a, b), P(disagree | b, a))``: conflict has no direction."""
    p_forward = model.predict_proba(scaler.transform(forward))[:, DISAGREE]
    p_backward = model.predict_proba(scaler.transform(backward))[:, DISAGREE]
    return np.asarray(np.maximum(p_forward, p_backward))


def _threshold(scores: np.ndarray, conflict: np.ndarray, config: TrainingConfig) -> tuple[float, float, float]:
    """The lowest threshold (0.5 … 0.95) whose conflicts are right ``target_precision`` of the time."""
    for threshold in np.round(np.arange(0.5, 0.951, 0.025), 3):
        flagged = scores >= threshold
        if not flagged.any():
            break
        precision = float(conflict[flagged].mean())
        if precision >= config.target_precision:
            recall = float(flagged[conflict].mean()) if conflict.any() else 0.0
            return float(threshold), round(precision, 6), round(recall, 6)
    return 0.95, 0.0, 0.0


def train_claims(corpora: Corpora, knowledge: Knowledge, config: TrainingConfig, log: Log) -> dict[str, Any]:
    """The sentence model: C and threshold by claim-grouped cross-validation on Emergent train."""
    pairs = with_unrelated(corpora.emergent, config.unrelated_per_claim, config.seed)
    reversed_pairs = [StancePair(p.b, p.a, p.stance, p.group) for p in pairs]
    vectorizer = word_vectorizer(sorted({p.a for p in pairs} | {p.b for p in pairs}))
    _drop_stop_words(vectorizer)
    inputs = claims_model_inputs(pairs, knowledge, vectorizer)
    backward = claims_model_inputs(reversed_pairs, knowledge, vectorizer)
    y = _labels(pairs)
    groups = np.asarray([p.group for p in pairs])
    related = y != STANCES.index("unrelated")
    folds = list(GroupKFold(n_splits=config.folds).split(inputs, y, groups))
    best: tuple[float, float, float] | None = None
    tried: dict[str, dict[str, float]] = {}
    out_of_fold: dict[float, np.ndarray] = {}
    for c in config.claims_c:
        predicted = np.zeros(len(pairs), dtype=np.int64)
        symmetric = np.zeros(len(pairs))
        for train, test in folds:
            scaler = MaxAbsScaler().fit(inputs[train])
            model = _claims_classifier(c, config.seed).fit(scaler.transform(inputs[train]), y[train])
            proba = model.predict_proba(scaler.transform(inputs[test]))
            proba[:, STANCES.index("unrelated")] = -1.0  # Emergent's own pairs are all related
            predicted[test] = proba.argmax(axis=1)
            symmetric[test] = _symmetric_disagree(model, scaler, inputs[test], backward[test])
        report = _report(_names(y[related]), _names(predicted[related]), STANCES[:3])
        tried[f"C={c}"] = report
        out_of_fold[c] = symmetric
        log(
            f"emergent cross-validation, C={c}: accuracy {report['accuracy']:.3f}, "
            f"against-F1 {report['f1_disagree']:.3f}"
        )
        key = (report["accuracy"], report["f1_disagree"], -c)
        if best is None or key > best:
            best = key
    assert best is not None
    c = -best[2]
    threshold, precision, recall = _threshold(out_of_fold[c], y == DISAGREE, config)
    log(f"conflict threshold {threshold} (cross-validated precision {precision:.3f}, recall {recall:.3f})")
    scaler = MaxAbsScaler().fit(inputs)
    model = _claims_classifier(c, config.seed).fit(scaler.transform(inputs), y)
    report = dict(tried[f"C={c}"])
    report.update({"threshold_precision": precision, "threshold_recall": recall})
    return {
        "vectorizer": vectorizer,
        "scaler": scaler,
        "classifier": model,
        "c": c,
        "threshold": threshold,
        "min_shared": config.min_shared,
        "cross_validation": report,
        "tried": tried,
    }


def train_bundle(
    corpora: Corpora, knowledge: Knowledge, config: TrainingConfig | None = None, log: Log | None = None
) -> dict[str, Any]:
    """Train both models and return the bundle the artifact stores."""
    config = config or TrainingConfig()
    say: Log = log or (lambda _: None)
    started, cpu_started = time.perf_counter(), time.process_time()
    claims = train_claims(corpora, knowledge, config, say)
    fnc = train_fnc(corpora, knowledge, config, say)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    metrics_out = {"fnc_holdout": fnc.pop("holdout"), "emergent_cv": claims.pop("cross_validation")}
    return {
        "format": FORMAT,
        "feature_names": list(FEATURE_NAMES),
        "classes": list(STANCES),
        "claims": claims,
        "fnc": fnc,
        "metrics": metrics_out,
        "train_seconds": round(seconds, 1),
        "train_cpu_seconds": round(cpu_seconds, 1),
        "data": dict(sorted(corpora.sources.items())),
        "knowledge": knowledge.digest,
        "config": json.loads(json.dumps(config.__dict__)),
        "versions": {
            "scikit-learn": sklearn.__version__,
            "skops": skops.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
        },
    }


def build_artifact(
    data_root: Path, out: Path, knowledge: Knowledge, config: TrainingConfig | None = None, log: Log | None = None
) -> tuple[str, dict[str, Any]]:
    """Train from ``data_root``, write the artifact, its hash and its model card; returns (sha256, bundle)."""
    from scoring.stance import card
    from scoring.stance.artifact import save_artifact

    bundle = train_bundle(read_corpora(data_root), knowledge, config, log)
    digest = save_artifact(bundle, out)
    card.write(bundle, digest, out.parent / "MODEL_CARD.md")
    return digest, bundle

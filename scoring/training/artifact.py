"""Saving and loading a trained model safely: skops bytes, a SHA-256, no custom types.

The artifact holds only scikit-learn objects, arrays, numbers, strings, lists
and dicts (the model's learned state, not the model class), so loading trusts
nothing beyond skops' defaults, and the bytes must match the recorded
SHA-256 before they are even parsed. Pickle is never used.
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from skops.io import dumps, get_untrusted_types, loads

from scoring.training.model import CredibilityModel
from scoring.training.monotone_logit import MonotoneLogit

FORMAT = 4
"""Bump when the state layout changes (4 added the precedent record's labelled claims)."""

READABLE_FORMATS: dict[int, tuple[str, ...] | None] = {2: ("speaker", "party", "venue"), 3: None, 4: None}
"""Formats this code loads, with the track records a format's models kept when its params do not name them
(format 2 predates the subject record; formats 2 and 3 predate the precedent record and their params never
name it, so their models serve as they were trained)."""

TRUSTED_TYPES: tuple[str, ...] = ()
"""Types beyond skops' defaults that an artifact may hold: none."""


class ArtifactError(Exception):
    """An artifact that must not be served: wrong hash, unknown types or a foreign layout."""


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def to_bytes(model: CredibilityModel) -> bytes:
    """The fitted model's state as skops bytes."""
    state: dict[str, Any] = {
        "format": FORMAT,
        "params": {k: (list(v) if k in ("classes", "records") else v) for k, v in model.get_params().items()},
        "prior": model.prior_,
        # Vocabularies and tables as arrays: skops writes a dict entry by entry, slowly.
        "vectorizer_params": _plain_params(model.vectorizer_.get_params()),
        "vocabulary": _terms(model.vectorizer_.vocabulary_),
        "idf": model.vectorizer_.idf_,
        "text_model": model.text_model_,
        "record_keys": ["\n".join(sorted(table)) for table in model.tables_],
        "record_counts": [_counts(table, len(model.classes_)) for table in model.tables_],
        "precedent": _precedent_state(model),
        "baseline": model.baseline_,
        "final_classes": model.final_.classes_,
        "final_monotone": list(model.final_.monotone),
        "final_coef": model.final_.coef_,
        "final_intercept": model.final_.intercept_,
        "final_mean": model.final_.mean_,
        "final_scale": model.final_.scale_,
        "n_features_in": int(model.n_features_in_),
    }
    return bytes(dumps(state))


def from_bytes(data: bytes, expected_sha256: str) -> CredibilityModel:
    """Rebuild a model from artifact bytes, refusing anything that does not match ``expected_sha256``."""
    actual = sha256(data)
    if actual != expected_sha256:
        raise ArtifactError(f"artifact SHA-256 is {actual[:12]}…, expected {expected_sha256[:12]}…: refusing to load")
    try:
        untrusted = sorted(set(get_untrusted_types(data=data)) - set(TRUSTED_TYPES))
        if untrusted:
            raise ArtifactError(f"artifact holds types that are not trusted: {', '.join(untrusted)}")
        state = loads(data, trusted=list(TRUSTED_TYPES))
    except ArtifactError:
        raise
    except Exception as error:  # skops raises many kinds on malformed input
        raise ArtifactError(f"artifact cannot be read: {error}") from None
    if not isinstance(state, dict) or state.get("format") not in READABLE_FORMATS:
        raise ArtifactError(f"artifact layout is not one of formats {sorted(READABLE_FORMATS)}")
    params = dict(state["params"])
    params["classes"] = tuple(params["classes"])
    params["records"] = tuple(params.get("records") or READABLE_FORMATS[state["format"]] or ())
    model = CredibilityModel(**params)
    model.classes_ = np.array(params["classes"])
    model.prior_ = np.asarray(state["prior"], dtype=np.float64)
    vocabulary = str(state["vocabulary"]).split("\n")
    params = {k: (tuple(v) if isinstance(v, list) else v) for k, v in state["vectorizer_params"].items()}
    vectorizer = TfidfVectorizer(**{**params, "vocabulary": vocabulary})
    vectorizer.fit([" ".join(vocabulary[:1])])  # sets the fixed vocabulary; idf_ is replaced next
    vectorizer.idf_ = np.asarray(state["idf"], dtype=np.float64)
    model.vectorizer_ = vectorizer
    model.text_model_ = state["text_model"]
    model.tables_ = [_table(k, c) for k, c in zip(state["record_keys"], state["record_counts"], strict=True)]
    if "precedent" in model.records:
        precedent = state.get("precedent")
        if not isinstance(precedent, dict):
            raise ArtifactError("artifact names the precedent record but holds no labelled claims for it")
        model.precedent_rows_ = sp.csr_matrix(
            (
                np.asarray(precedent["data"], dtype=np.float64),
                np.asarray(precedent["indices"], dtype=np.int64),
                np.asarray(precedent["indptr"], dtype=np.int64),
            ),
            shape=(int(precedent["rows"]), len(vocabulary)),
        )
        model.precedent_labels_ = np.asarray(precedent["labels"], dtype=np.int64)
    model.baseline_ = np.asarray(state["baseline"], dtype=np.float64)
    final = MonotoneLogit(tuple(state["final_monotone"]), C=model.final_c)
    final.classes_ = np.asarray(state["final_classes"], dtype=np.int64)
    final.coef_ = np.asarray(state["final_coef"], dtype=np.float64)
    final.intercept_ = np.asarray(state["final_intercept"], dtype=np.float64)
    final.mean_ = np.asarray(state["final_mean"], dtype=np.float64)
    final.scale_ = np.asarray(state["final_scale"], dtype=np.float64)
    final.n_features_in_ = final.coef_.shape[1]
    model.final_ = final
    model.n_features_in_ = int(state["n_features_in"])
    return model


def _precedent_state(model: CredibilityModel) -> dict[str, Any] | None:
    """The precedent record's labelled claims as plain arrays (TF-IDF rows in CSR parts, class codes), if kept."""
    if "precedent" not in model.records:
        return None
    rows = model.precedent_rows_
    return {
        "data": rows.data,
        "indices": rows.indices.astype(np.int64),
        "indptr": rows.indptr.astype(np.int64),
        "rows": int(rows.shape[0]),
        "labels": model.precedent_labels_,
    }


def _plain_params(params: dict[str, Any]) -> dict[str, Any]:
    """The vectorizer's parameters that are plain values (its dtype is rebuilt from the default)."""
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in params.items() if k not in ("dtype", "vocabulary")}


def _terms(vocabulary: dict[str, int]) -> str:
    """The vocabulary in column order, one term a line (terms never hold a newline)."""
    terms = [""] * len(vocabulary)
    for term, index in vocabulary.items():
        terms[index] = term
    return "\n".join(terms)


def _counts(table: dict[str, list[float]], n_classes: int) -> Any:
    return np.array([table[k] for k in sorted(table)], dtype=np.float64).reshape(-1, n_classes)


def _table(keys: str, counts: Any) -> dict[str, list[float]]:
    names = keys.split("\n") if keys else []
    return {k: [float(c) for c in row] for k, row in zip(names, counts, strict=True)}

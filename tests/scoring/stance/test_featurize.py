"""The related-pairs model's inputs gain the refutation block, and an older artifact's reader still reads without it."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from scoring.knowledge import Knowledge
from scoring.stance.artifact import load_artifact
from scoring.stance.featurize import fnc_inputs, fnc_readers, fnc_words
from scoring.stance.model import fnc_stances
from scoring.stance.refutation import SPLIT_NAMES
from tests.scoring.stance.conftest import tiny_corpora


@pytest.fixture(scope="module")
def readers() -> dict[str, Any]:
    corpora = tiny_corpora()
    return fnc_readers(corpora.fnc_train + corpora.fnc_holdout)


def test_new_readers_add_the_refutation_block(readers: dict[str, Any]) -> None:
    corpora = tiny_corpora()
    pairs = corpora.fnc_train + corpora.fnc_holdout
    assert readers["reader"]["refutation"] is True
    width = readers["reader"]["words"].transform(["x"]).shape[1]
    words = fnc_words(readers, pairs)
    assert words.shape == (len(pairs), 2 * width + len(SPLIT_NAMES))
    refutation = words[:, 2 * width :].toarray()
    debunk = next(i for i, p in enumerate(pairs) if p.a == "Giant spider found living in man's ear")
    assert refutation[debunk].max() > 0  # the hoax body, read for a headline that tells the story


def test_a_reader_without_the_flag_reads_as_before(readers: dict[str, Any]) -> None:
    pairs = tiny_corpora().fnc_train
    old = {**readers, "reader": {k: v for k, v in readers["reader"].items() if k != "refutation"}}
    width = readers["reader"]["words"].transform(["x"]).shape[1]
    before, now = fnc_words(old, pairs), fnc_words(readers, pairs)
    assert before.shape == (len(pairs), 2 * width)
    assert np.array_equal(before.toarray(), now[:, : 2 * width].toarray())


def test_the_shipped_headline_body_model_reads_its_inputs(knowledge: Knowledge) -> None:
    """Whatever its reader holds, the shipped model gets as many inputs as it was trained on."""
    fnc = load_artifact()["fnc"]
    pairs = tiny_corpora().fnc_holdout
    stances = fnc_stances(fnc, fnc_inputs(fnc, pairs, knowledge), fnc_words(fnc, pairs))
    assert len(stances) == len(pairs)
    assert stances[pairs.index(next(p for p in pairs if p.stance == "unrelated"))] == "unrelated"

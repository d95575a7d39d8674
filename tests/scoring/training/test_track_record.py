"""Track records: keys, smoothing, and training rows that never see their own label."""

from __future__ import annotations

import math

import numpy as np

from scoring.training.track_record import count_table, out_of_fold, record_features, speaker_key, venue_keys


def test_keys_join_the_ways_a_name_or_venue_is_written() -> None:
    assert speaker_key("rick-perry") == speaker_key("Rick  Perry") == "rick perry"
    assert venue_keys("a TV ad.") == venue_keys("A TV Ad") == ("tv ad",)
    assert venue_keys("The Daily Show") == ("daily show",)
    assert venue_keys("") == venue_keys(" . ") == ()


def test_a_record_is_smoothed_towards_the_prior_and_counts_its_evidence() -> None:
    prior = np.array([0.5, 0.5])
    table = count_table([("Ann",), ("ann",), ("Ann",), ("Bo",)], np.array([1, 1, 0, 0]), 2)
    assert table == {"ann": [1.0, 2.0], "bo": [1.0, 0.0]}
    got = record_features([("ANN",), ("Cy",)], table, prior, alpha=2.0)
    assert np.allclose(got[0], [(1 + 1) / 5, (2 + 1) / 5, math.log1p(3)])
    assert np.allclose(got[1], [0.5, 0.5, 0.0])  # unknown: the prior, no evidence


def test_out_of_fold_records_never_count_the_rows_own_label() -> None:
    keys = [("solo",), ("pair",), ("pair",), ("other",)]
    y = np.array([1, 0, 1, 0])
    folds = [np.array([0, 1]), np.array([2, 3])]
    got = out_of_fold(keys, y, folds, np.array([0.5, 0.5]), alpha=1.0)
    assert np.allclose(got[0], [0.5, 0.5, 0.0])  # its only claim is its own
    assert np.allclose(got[1], [(0 + 0.5) / 2, (1 + 0.5) / 2, math.log1p(1)])  # sees row 2 only
    assert np.allclose(got[2], [(1 + 0.5) / 2, (0 + 0.5) / 2, math.log1p(1)])  # sees row 1 only

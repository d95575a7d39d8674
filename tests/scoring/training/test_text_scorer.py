"""The fast words model gives scikit-learn's probabilities."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from scoring.training.text_scorer import TextScorer

TEXTS = [
    "Says unemployment fell by half since 2009.",
    "The governor cut school funding by $1 billion.",
    "Crime rose 20 percent last year, officials say.",
    "Says the bill would raise taxes on the middle class.",
    "Exports doubled under this administration.",
    "The senator voted against the veterans bill twice.",
    "Unemployment rose and school funding fell.",
    "Taxes on the middle class fell by half.",
]
PROBES = ["Says crime fell by half.", "", "Nothing here was ever seen before.", "school school school funding"]


@pytest.mark.parametrize("labels", [[0, 1, 2, 0, 1, 2, 0, 1], [0, 1, 1, 0, 1, 0, 0, 1]], ids=["three", "two"])
def test_probabilities_match_scikit_learn(labels: list[int]) -> None:
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    words = vectorizer.fit_transform(TEXTS)
    model = LogisticRegression(C=2.0).fit(words, labels)
    fast = TextScorer.from_fitted(vectorizer, model)
    assert np.allclose(fast.predict_proba(PROBES), model.predict_proba(vectorizer.transform(PROBES)), atol=1e-12)


def test_it_refuses_a_vectorizer_it_cannot_reproduce() -> None:
    vectorizer = TfidfVectorizer(sublinear_tf=False)
    model = LogisticRegression().fit(vectorizer.fit_transform(TEXTS), [0, 1] * 4)
    with pytest.raises(ValueError, match="sublinear"):
        TextScorer.from_fitted(vectorizer, model)

"""Learning credibility from editors' labels.

``examples`` turns labels into model inputs by running the real pipeline;
``wording`` and ``track_record`` add what the claim's words and its backers'
history say; ``precedent`` what similar labelled claims were found to be;
``text_scorer`` evaluates the words model quickly when serving;
``monotone_logit`` is the last stage that keeps the rules' directions;
``model`` assembles them; ``metrics`` and ``gate`` decide whether a trained
model may serve; ``artifact`` persists it safely.
"""

from scoring.training.examples import Example, examples_from_labels

__all__ = ["Example", "examples_from_labels"]

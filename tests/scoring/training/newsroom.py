"""A synthetic newsroom's labels, built deterministically for training tests.

Verdicts follow the sourcing (several named independent sources: reliable;
one named source: uncertain; anonymous sources: unreliable), with a little
noise, so a model can learn them and a saboteur's flips can be noticed.
"""

from __future__ import annotations

import random

from scoring.labels import LabelRecord, label_from_mapping

SUBJECTS = ["exports", "hospital waits", "bridge costs", "rainfall", "school places", "bus fares", "crime", "rents"]
VERBS = ["rose", "fell", "doubled", "stalled", "halved", "climbed", "dropped", "held steady"]
NAMED = ["Ministry of Health", "Reuters", "Associated Press", "World Bank", "European Commission", "UNICEF"]
ANONYMOUS = ["officials speaking on condition of anonymity", "people familiar with the matter", "a source"]
LABELLERS = ["ana", "ben", "cleo", "dev"]


def newsroom_labels(n: int = 400, seed: int = 7) -> list[LabelRecord]:
    """``n`` labelled claims of three sourcing patterns."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        pattern = i % 3
        subject, verb = rng.choice(SUBJECTS), rng.choice(VERBS)
        if pattern == 0:
            sources: list[object] = [{"name": name} for name in rng.sample(NAMED, 2)]
            verdict, text = "reliable", f"Figures show {subject} {verb} by {rng.randint(2, 40)}% this year."
        elif pattern == 1:
            sources, verdict = [{"name": rng.choice(NAMED)}], "uncertain"
            text = f"The agency expects {subject} {verb} next year."
        else:
            sources, verdict = [{"mention": rng.choice(ANONYMOUS)}], "unreliable"
            text = f"Insiders claim {subject} {verb} secretly, it is alleged."
        if rng.random() < 0.05:
            verdict = rng.choice(["reliable", "uncertain", "unreliable"])
        out.append(
            label_from_mapping(
                {"text": f"{text} (case {i})", "verdict": verdict, "sources": sources, "labeller": LABELLERS[i % 4]}
            )
        )
    return out

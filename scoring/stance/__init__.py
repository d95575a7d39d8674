"""A trained stance model that judges claim pairs beside the conflict rules.

The model reads the same :class:`~scoring.statements.Statement` the rules
read, turns a pair into a few dozen explainable numbers
(:mod:`scoring.stance.features`), and a small scikit-learn classifier
(persisted with skops, checked by sha256) says how likely the second text
disputes the first. :class:`ModelScorer` plugs it into the
:class:`~scoring.conflict.ConflictDetector` as one more pair scorer.
"""

from scoring.stance.artifact import SHIPPED_ARTIFACT, ArtifactError, load_artifact, shipped_artifact_ok
from scoring.stance.scorer import ModelScorer

__all__ = ["SHIPPED_ARTIFACT", "ArtifactError", "ModelScorer", "load_artifact", "shipped_artifact_ok"]

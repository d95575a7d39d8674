"""Editors' verdicts on claims: the ordinal scale, the label record and the file readers.

Parsing label files is domain logic and lives here; storing labels is the
store's business (``api/store``).
"""

from scoring.labels.record import LabelError, LabelRecord, label_from_mapping
from scoring.labels.scale import VERDICTS, verdict_for

__all__ = ["VERDICTS", "LabelError", "LabelRecord", "label_from_mapping", "verdict_for"]

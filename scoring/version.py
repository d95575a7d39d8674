"""Versions reported with every score, so a result can be traced and reproduced."""

RULES_VERSION = "1.0.0"
"""Bump when a rule or weight changes what a story scores."""

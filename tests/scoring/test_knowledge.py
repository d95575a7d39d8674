"""The knowledge files load, cover the world, and malformed files fail with a clear message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scoring import Scorer
from scoring.knowledge import KNOWLEDGE_DIR, KnowledgeError, load_knowledge


def test_the_world_is_covered(scorer: Scorer) -> None:
    states = [p for p in scorer.knowledge.parties if p.startswith("state:")]
    assert len(states) >= 195
    for phrase, party in [
        ("Laotian", "state:la"),
        ("Vientiane", "state:la"),
        ("Kremlin", "state:ru"),
        ("Pentagon", "state:us"),
        ("HUR", "state:ua"),
        ("Xinhua", "state:cn"),
    ]:
        assert [e.party_id for e in scorer.knowledge.entities.get(phrase)] == [party], phrase


def test_digest_changes_with_the_files(tmp_path: Path) -> None:
    copy = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    before = load_knowledge(copy).digest
    with (copy / "lexicon" / "hedges.txt").open("a", encoding="utf-8") as handle:
        handle.write("supposedly\n")
    load_knowledge.cache_clear()
    assert load_knowledge(copy).digest != before


def test_a_row_with_missing_columns_names_file_and_line(tmp_path: Path) -> None:
    copy = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    with (copy / "countries.tsv").open("a", encoding="utf-8") as handle:
        handle.write("xx\tNowhere\n")
    with pytest.raises(KnowledgeError, match=r"countries.tsv line \d+: expected 6"):
        load_knowledge(copy)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="countries.tsv is missing"):
        load_knowledge(tmp_path)

"""Shared fixtures: a real SQLite store in a temp dir, article builders, paths to shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.models import Article
from newsprism.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"
CNN_SEED = SEEDS / "000_617b6f9fae8016df.txt"
AXIOS_SEED = SEEDS / "003_f94ba7427ddde6d2.txt"


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "test.db") as s:
        yield s


@pytest.fixture
def make_article():
    def make(text="Officials in Ostrava said the bridge reopened on Monday.", **fields):
        return Article.build(text, **fields)

    return make


@pytest.fixture
def write(tmp_path):
    """Write bytes or text to a file under tmp_path and return its path as a string."""

    def _write(name: str, content: bytes | str) -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return str(path)

    return _write

"""Shared bits of the benchmarks: where the data is, table printing, JSON output."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = (ROOT / ".." / "shared" / "data").resolve()
sys.path.insert(0, str(ROOT / "src"))


def table(headers: list[str], rows: list[list]) -> str:
    """A Markdown table; floats with three decimals."""
    def cell(v):
        return f"{v:.3f}" if isinstance(v, float) else str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def save_json(path: str | None, results) -> None:
    if path:
        Path(path).write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")

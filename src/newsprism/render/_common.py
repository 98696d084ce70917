"""What the Markdown and HTML renderers share: claim statuses, timeline order, score text."""

from __future__ import annotations

from collections.abc import Callable

STATUS_ORDER = ("corroborated", "conflicting", "single_source")
STATUS_TITLES = {"corroborated": "Corroborated", "conflicting": "Conflicting", "single_source": "Single source"}


def timeline_order(entries: list[dict]) -> list[dict]:
    """Dated entries by date, the undated after them."""
    return sorted(entries, key=lambda e: (e.get("date") is None, str(e.get("date") or "")))


def score_text(score, escape: Callable[[object], str]) -> str:
    """A score with two decimals; anything else through the renderer's ``escape``."""
    return f"{score:.2f}" if isinstance(score, (int, float)) else escape(score)

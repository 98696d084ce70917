"""Render a story report (the JSON-ready dict of schema ``newsprism.report/1``) as JSON, Markdown or HTML.

::

    from newsprism.render import render
    page = render(report, "html")   # one self-contained page: no scripts, fonts or images fetched

Every renderer reads only the report dict, escapes everything that came from an article, and keeps the
provenance: each summary sentence cites claims, each claim shows the exact source spans it rests on.
"""

from __future__ import annotations

import json

from ..errors import UsageError
from .html import to_html
from .markdown import to_markdown

__all__ = ["FORMATS", "render", "to_html", "to_json", "to_markdown"]

FORMATS = ("json", "md", "html")


def to_json(report: dict) -> str:
    """The report as indented JSON (UTF-8 text, not ASCII-escaped), ending with a newline."""
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


_RENDERERS = {"json": to_json, "md": to_markdown, "html": to_html}


def render(report: dict, fmt: str) -> str:
    """The report in format ``fmt``, one of :data:`FORMATS`."""
    try:
        renderer = _RENDERERS[fmt]
    except (KeyError, TypeError):
        raise UsageError(
            f"Unknown report format {fmt!r}. Supported: {', '.join(FORMATS)}. Pass one of them, e.g. --format html."
        ) from None
    return renderer(report)

"""Articles from a ``POST /api/articles`` body, read by the same JSON reader as files are.

The body is one article object or a list of them, with the keys the JSON/JSONL reader accepts
(docs/ingest.md). ``path``/``file`` keys are refused: they would make the server read its own files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..errors import BrokenInput, EmptyInput, InputError
from ..ingest import Input, read_input
from ..models import Article

__all__ = ["WHERE", "read_articles"]

#: How errors name the body (and the outlet of an article that has neither ``outlet`` nor ``url``).
WHERE = "request body"


@dataclass(frozen=True)
class _Body(Input):
    """An input whose bytes are already here."""

    data: bytes = b""

    def load(self) -> tuple[bytes, str | None]:
        return self.data, None


def read_articles(body: bytes) -> list[Article]:
    """Every article of the body; the first problem raises an :class:`InputError` naming the article."""
    objects = _objects(body)
    articles = []
    for i, obj in enumerate(objects):
        where = f"{WHERE}[{i}]" if len(objects) > 1 else WHERE
        if isinstance(obj, dict) and (obj.get("path") or obj.get("file")):
            raise InputError("'path' and 'file' name files on the server, which the web API does not read. "
                             "Send the article's 'text' (or 'html') instead.", where)
        try:
            for result in read_input(_Body(WHERE, json.dumps(obj).encode("utf-8")), "json"):
                if isinstance(result, InputError):
                    raise result
                articles.append(result)
        except InputError as exc:
            raise exc.at(where) from None
    return articles


def _objects(body: bytes) -> list:
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        reason = f"{exc.msg} at line {exc.lineno} column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else exc
        raise BrokenInput(f"the body is not JSON ({reason}). Send one article object, or a list of them.", WHERE) from None
    objects = data if isinstance(data, list) else [data]
    if not objects:
        raise EmptyInput("the list holds no articles. Send one article object, or a list of them.", WHERE)
    return objects

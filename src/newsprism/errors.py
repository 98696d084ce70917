"""The whole exception tree. Every error has a stable ``code`` and a message that gives the cause,
the fix and, where there is a choice, the valid options.

::

    NewsprismError                 code "error"
    ├── UsageError                 code "usage"            bad arguments or settings
    ├── InputError                 code "input"            one input (file, URL, record) can't be read
    │   ├── UnsupportedFormat      code "unsupported_format"
    │   ├── EmptyInput             code "empty"            nothing to ingest: a skip, not a failure
    │   ├── DecodeError            code "decode"           bytes that are not text in any encoding tried
    │   ├── BrokenInput            code "broken"           truncated or malformed container or markup
    │   └── FetchError             code "fetch"            an HTTP fetch failed
    ├── StoreError                 code "store"            the SQLite store can't be opened or migrated
    └── NotFound                   code "not_found"        no such article or story

The CLI turns these into one ``Error: ...`` line in one place; the batch ingest records an
``InputError`` against its input and goes on.
"""

from __future__ import annotations

__all__ = [
    "NewsprismError",
    "UsageError",
    "InputError",
    "UnsupportedFormat",
    "EmptyInput",
    "DecodeError",
    "BrokenInput",
    "FetchError",
    "StoreError",
    "NotFound",
]


class NewsprismError(Exception):
    code = "error"


class UsageError(NewsprismError):
    code = "usage"


class InputError(NewsprismError):
    """A problem with one input. ``where`` names it: a path, a URL, ``path:line 7`` or ``path#record 3``."""

    code = "input"

    def __init__(self, reason: str, where: str | None = None):
        self.reason = reason
        self.where = where
        super().__init__(f"Can't ingest '{where}': {reason}" if where else reason)

    def at(self, where: str) -> "InputError":
        """The same error, located at ``where`` (keeps the subclass)."""
        return type(self)(self.reason, where)


class UnsupportedFormat(InputError):
    code = "unsupported_format"


class EmptyInput(InputError):
    code = "empty"


class DecodeError(InputError):
    code = "decode"


class BrokenInput(InputError):
    code = "broken"


class FetchError(InputError):
    code = "fetch"


class StoreError(NewsprismError):
    code = "store"


class NotFound(NewsprismError):
    code = "not_found"

"""Persistence: SQLite by default (one file, WAL); every stage reads and writes through a Store."""

from .sqlite import DEFAULT_DB, Store, default_db_path

__all__ = ["Store", "DEFAULT_DB", "default_db_path"]

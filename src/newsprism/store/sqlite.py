"""The SQLite store: one file, WAL journal, versioned migrations, a transaction per batch."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from ..errors import NotFound, StoreError
from ..models import Annotations, Article
from .migrations import LATEST, MIGRATIONS

__all__ = ["Store", "DEFAULT_DB", "default_db_path"]

DEFAULT_DB = "newsprism.db"

#: What :meth:`Store.add_article` did with an article.
ADD_RESULTS = ("ingested", "duplicate", "updated", "unchanged")

_COLUMNS = (
    "id", "outlet", "url", "title", "author", "published", "published_utc", "published_source", "language",
    "text", "source_path", "content_hash", "duplicate_of", "partial", "extra",
)


def default_db_path() -> str:
    """``$NEWSPRISM_DB`` if set, else ``./newsprism.db``."""
    return os.environ.get("NEWSPRISM_DB") or DEFAULT_DB


class Store:
    """A newsprism database. Use as a context manager, or call :meth:`close`.

    >>> with Store(":memory:") as store:
    ...     store.add_article(Article.build("Xi met Putin.", outlet="CNN"))
    'ingested'
    """

    def __init__(self, path: str | os.PathLike = DEFAULT_DB):
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"Can't open the store '{self.path}': {exc}. Pass another --db, or move this file away.") from exc

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -- schema -----------------------------------------------------------------------------------

    @property
    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        current = self.version
        if current > LATEST:
            raise StoreError(
                f"The store '{self.path}' has schema version {current}, newer than this newsprism ({LATEST}). "
                "Upgrade newsprism."
            )
        for version in range(current + 1, LATEST + 1):
            with self.transaction():
                for statement in MIGRATIONS[version - 1].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {version}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: the writes inside are committed together or not at all."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- articles ---------------------------------------------------------------------------------

    def add_article(self, article: Article) -> str:
        """Store an article; returns one of ``ADD_RESULTS``.

        The same id with the same body changes nothing (``unchanged``); the same id with a new body
        replaces it (``updated``), except that a feed summary never replaces a full text; a new id
        whose body is already stored under another id is stored with ``duplicate_of`` pointing at
        the earliest copy (``duplicate``).
        """
        old = self.db.execute("SELECT content_hash, partial FROM articles WHERE id = ?", (article.id,)).fetchone()
        if old is not None:
            if old["content_hash"] == article.content_hash or (article.partial and not old["partial"]):
                return "unchanged"
            self._write(article.with_(duplicate_of=self._origin_of(article)), update=True)
            return "updated"
        origin = self._origin_of(article)
        self._write(article.with_(duplicate_of=origin), update=False)
        return "duplicate" if origin else "ingested"

    def _origin_of(self, article: Article) -> str | None:
        row = self.db.execute(
            "SELECT id, duplicate_of FROM articles WHERE content_hash = ? AND id != ? ORDER BY seq LIMIT 1",
            (article.content_hash, article.id),
        ).fetchone()
        return (row["duplicate_of"] or row["id"]) if row else None

    def _write(self, article: Article, update: bool) -> None:
        values = _to_row(article)
        now = datetime.now(timezone.utc).isoformat()
        if update:
            assignments = ", ".join(f"{c} = ?" for c in _COLUMNS[1:])
            self.db.execute(
                f"UPDATE articles SET {assignments}, updated_at = ? WHERE id = ?",
                (*values[1:], now, article.id),
            )
        else:
            self.db.execute(
                f"INSERT INTO articles ({', '.join(_COLUMNS)}, ingested_at, updated_at) "
                f"VALUES ({', '.join('?' * len(_COLUMNS))}, ?, ?)",
                (*values, now, now),
            )

    def get_article(self, article_id: str) -> Article:
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"No article with id '{article_id}'. List them with: newsprism articles")
        return _from_row(row)

    def articles(self) -> Iterator[Article]:
        """Every stored article, in ingest order."""
        for row in self.db.execute("SELECT * FROM articles ORDER BY seq"):
            yield _from_row(row)

    def outlets(self) -> dict[str, str | None]:
        """Every article id and its outlet (without reading the texts)."""
        return dict(self.db.execute("SELECT id, outlet FROM articles").fetchall())

    def count_articles(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    # -- analysis ---------------------------------------------------------------------------------

    def articles_to_analyze(self, version: int) -> list[str]:
        """Ids of articles never analysed, analysed by another pipeline version, or whose text changed."""
        rows = self.db.execute(
            """SELECT a.id FROM articles a LEFT JOIN annotations n ON n.article_id = a.id
               WHERE n.article_id IS NULL OR n.version != ? OR n.content_hash != a.content_hash
               ORDER BY a.seq""",
            (version,),
        )
        return [r[0] for r in rows]

    def save_annotations(
        self, article: Article, version: int, annotations: Annotations | None = None, error: str | None = None
    ) -> None:
        """Record an article's analysis, or why it failed (``annotations`` None, ``error`` set)."""
        data = json.dumps(annotations.to_dict(), ensure_ascii=False) if annotations is not None else None
        self.db.execute(
            """INSERT OR REPLACE INTO annotations (article_id, content_hash, version, status, error, data, analyzed_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (article.id, article.content_hash, version, "ok" if annotations is not None else "failed", error, data,
             datetime.now(timezone.utc).isoformat()),
        )

    def get_annotations(self, article_id: str) -> Annotations | None:
        """The article's analysis, or None if it has none (or it failed)."""
        row = self.db.execute(
            "SELECT data FROM annotations WHERE article_id = ? AND status = 'ok'", (article_id,)
        ).fetchone()
        return Annotations.from_dict(json.loads(row[0])) if row else None

    def analysis_failures(self) -> list[tuple[str, str]]:
        return [tuple(r) for r in self.db.execute("SELECT article_id, error FROM annotations WHERE status = 'failed'")]

    def save_vectors(self, article_id: str, model: str, article_vector, claim_vectors=None) -> None:
        """Embeddings stored compactly as float16 blobs; claim vectors may come later (None)."""
        import numpy as np

        article_vector = np.asarray(article_vector, dtype=np.float16)
        claims = None
        if claim_vectors is not None:
            claims = np.asarray(claim_vectors, dtype=np.float16).reshape(-1, article_vector.shape[0]).tobytes()
        self.db.execute(
            "INSERT OR REPLACE INTO vectors (article_id, model, dim, article, claims) VALUES (?, ?, ?, ?, ?)",
            (article_id, model, article_vector.shape[0], article_vector.tobytes(), claims),
        )

    def save_claim_vectors(self, article_id: str, claim_vectors) -> None:
        import numpy as np

        blob = np.asarray(claim_vectors, dtype=np.float16).tobytes()
        self.db.execute("UPDATE vectors SET claims = ? WHERE article_id = ?", (blob, article_id))

    def replace_stories(self, stories: list[dict]) -> None:
        """Store the story partition: ``{"id", "title", "first_published", "last_published",
        "articles": [(article_id, origin_id), ...]}`` each; what was there before goes."""
        now = datetime.now(timezone.utc).isoformat()
        with self.transaction():
            self.db.execute("DELETE FROM story_articles")
            self.db.execute("DELETE FROM stories")
            for story in stories:
                self.db.execute(
                    "INSERT INTO stories (id, title, first_published, last_published, updated_at) VALUES (?, ?, ?, ?, ?)",
                    (story["id"], story["title"], story["first_published"], story["last_published"], now),
                )
                self.db.executemany(
                    "INSERT INTO story_articles (article_id, story_id, origin_id) VALUES (?, ?, ?)",
                    [(aid, story["id"], origin) for aid, origin in story["articles"]],
                )

    def stories(self) -> list[dict]:
        """Every story with its articles (in ingest order) and their origins, newest story first."""
        members: dict[str, list[tuple[str, str]]] = {}
        for row in self.db.execute(
            "SELECT sa.story_id, sa.article_id, sa.origin_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id ORDER BY a.seq"
        ):
            members.setdefault(row[0], []).append((row[1], row[2]))
        rows = self.db.execute("SELECT * FROM stories ORDER BY coalesce(last_published, '') DESC, id")
        return [{**dict(r), "articles": members.get(r["id"], [])} for r in rows]

    def get_vectors(self, article_id: str):
        """``(article_vector, claim_vectors)`` as float32 arrays (claims None until computed), or None."""
        import numpy as np

        row = self.db.execute("SELECT dim, article, claims FROM vectors WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        dim = row["dim"]
        article = np.frombuffer(row["article"], dtype=np.float16).astype(np.float32)
        if row["claims"] is None:
            return article, None
        return article, np.frombuffer(row["claims"], dtype=np.float16).astype(np.float32).reshape(-1, dim)


def _to_row(article: Article) -> tuple:
    published = article.published
    return (
        article.id, article.outlet, article.url, article.title, article.author,
        published.isoformat() if published else None,
        published.astimezone(timezone.utc).isoformat() if published else None,
        article.published_source, article.language, article.text, article.source_path,
        article.content_hash, article.duplicate_of, int(article.partial),
        json.dumps(article.extra, ensure_ascii=False, default=str),
    )


def _from_row(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"], text=row["text"], outlet=row["outlet"], url=row["url"], title=row["title"],
        author=row["author"],
        published=datetime.fromisoformat(row["published"]) if row["published"] else None,
        published_source=row["published_source"], language=row["language"], source_path=row["source_path"],
        content_hash=row["content_hash"], duplicate_of=row["duplicate_of"], partial=bool(row["partial"]),
        extra=json.loads(row["extra"]),
    )

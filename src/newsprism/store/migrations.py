"""Versioned schema migrations, applied in order and recorded in ``PRAGMA user_version``.

Append a new entry to :data:`MIGRATIONS` for every schema change; never edit an applied one. Each entry
is split on ``;`` and run inside one transaction (so no semicolons inside statements, no triggers).
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: articles
    """
    CREATE TABLE articles (
        seq              INTEGER PRIMARY KEY AUTOINCREMENT,  -- ingest order
        id               TEXT NOT NULL UNIQUE,
        outlet           TEXT,
        url              TEXT,
        title            TEXT,
        author           TEXT,
        published        TEXT,      -- ISO 8601 with its original UTC offset
        published_utc    TEXT,      -- the same instant in UTC, for ordering
        published_source TEXT,
        language         TEXT,
        text             TEXT NOT NULL,
        source_path      TEXT,
        content_hash     TEXT NOT NULL,
        duplicate_of     TEXT REFERENCES articles(id),
        partial          INTEGER NOT NULL DEFAULT 0,
        extra            TEXT NOT NULL DEFAULT '{}',
        ingested_at      TEXT NOT NULL,
        updated_at       TEXT NOT NULL
    );
    CREATE INDEX articles_content_hash ON articles(content_hash);
    CREATE INDEX articles_published_utc ON articles(published_utc);
    CREATE INDEX articles_url ON articles(url);
    """,
    # 2: per-article analysis and embeddings
    """
    CREATE TABLE annotations (
        article_id   TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        content_hash TEXT NOT NULL,      -- the body that was analysed
        version      INTEGER NOT NULL,   -- the analysis pipeline's version
        status       TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
        error        TEXT,
        data         TEXT,               -- JSON: sentences, entities, quotes, times, claims
        analyzed_at  TEXT NOT NULL
    );
    CREATE TABLE vectors (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        model      TEXT NOT NULL,
        dim        INTEGER NOT NULL,
        article    BLOB NOT NULL,        -- float16[dim]
        claims     BLOB                  -- float16[n_claims, dim] in claim order, NULL until first needed
    )
    """,
    # 3: stories and near-duplicate origins
    """
    CREATE TABLE stories (
        id              TEXT PRIMARY KEY,
        title           TEXT,
        first_published TEXT,
        last_published  TEXT,
        updated_at      TEXT NOT NULL
    );
    CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id   TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        origin_id  TEXT NOT NULL REFERENCES articles(id)
    );
    CREATE INDEX story_articles_story ON story_articles(story_id)
    """,
]

LATEST = len(MIGRATIONS)

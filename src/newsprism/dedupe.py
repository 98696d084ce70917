"""Near-duplicates: MinHash LSH over word shingles of the body.

A reprint (the same wire copy under another headline, trimmed, a paragraph added) links to the
earliest copy as its ``origin``: earliest by publication time, undated copies by the order they
were added. Copies form groups (union-find), so a copy of a copy has the same origin, and a copy
that turns out to be earlier than the group's origin becomes the origin of the whole group.
Independent reports of the same event share few 5-word shingles and stay distinct origins, so
counting origins counts independent sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone

from datasketch import MinHash, MinHashLSH

from ._union import UnionFind

__all__ = ["NearDuplicateIndex", "shingles"]

_WORD = re.compile(r"\w+")
_NEVER = datetime.max.replace(tzinfo=timezone.utc)


def shingles(text: str, size: int = 5) -> set[str]:
    """Lower-cased word ``size``-grams (the whole text when it is shorter)."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[i:i + size]) for i in range(max(1, len(words) - size + 1))}


@dataclass(frozen=True)
class _Copy:
    published: datetime
    seq: int

    def key(self):
        return (self.published, self.seq)


class NearDuplicateIndex:
    """``add(id, text, published)`` returns the id of the copy's origin (itself when it is new).

    ``threshold`` is the estimated Jaccard similarity of shingle sets above which two bodies are
    copies of one text; 0.5 keeps a reprint with a paragraph added or cut (measured in the tests)
    while two outlets' own reports of one event stay far below it (< 0.1).
    """

    def __init__(self, threshold: float = 0.5, num_perm: int = 128, shingle_size: int = 5):
        if not 0 < threshold < 1:
            raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.hashes: dict[str, MinHash] = {}
        self.copies: dict[str, _Copy] = {}
        self.sets = UnionFind(key=lambda article_id: self.copies[article_id].key())

    def minhash(self, text: str) -> MinHash:
        m = MinHash(num_perm=self.num_perm)
        m.update_batch([s.encode("utf-8") for s in shingles(text, self.shingle_size)])
        return m

    def add(self, article_id: str, text: str, published: datetime | None = None) -> str:
        if article_id in self.sets:
            return self.origin(article_id)
        m = self.minhash(text)
        self.copies[article_id] = _Copy(published or _NEVER, len(self.copies))
        self.sets.add(article_id)
        for other in self.lsh.query(m):
            if self.hashes[other].jaccard(m) >= self.threshold:
                self.sets.union(article_id, other)
        self.lsh.insert(article_id, m)
        self.hashes[article_id] = m
        return self.origin(article_id)

    def origin(self, article_id: str) -> str:
        return self.sets.find(article_id)

    def origins(self) -> dict[str, str]:
        """Every article id and its origin's id."""
        return {a: self.origin(a) for a in self.sets.parent}

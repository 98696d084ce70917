"""A small union-find (disjoint sets), shared by near-duplicate origins and the comparison steps."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any


class UnionFind:
    """Disjoint sets of hashable items; a set's root is its least member by ``key`` (the item itself
    by default), so ``find`` gives, for example, the earliest copy of a text."""

    def __init__(self, items: Iterable[Hashable] = (), key: Callable[[Any], Any] | None = None):
        self.parent: dict[Hashable, Hashable] = {}
        self.key = key or (lambda item: item)
        for item in items:
            self.add(item)

    def __contains__(self, item: Hashable) -> bool:
        return item in self.parent

    def add(self, item: Hashable) -> None:
        self.parent.setdefault(item, item)

    def find(self, item: Hashable) -> Hashable:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            first, second = sorted((ra, rb), key=self.key)
            self.parent[second] = first

    def groups(self) -> list[list]:
        """The sets, each sorted by ``key``, in order of their least member."""
        out: dict[Hashable, list] = {}
        for item in self.parent:
            out.setdefault(self.find(item), []).append(item)
        return sorted((sorted(g, key=self.key) for g in out.values()), key=lambda g: self.key(g[0]))

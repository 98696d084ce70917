"""Entities across the outlets of a story.

Each article resolved its own entities ("Putin", "the Russian leader" -> Vladimir Putin). Here the
per-article entities of one story are joined when they share a name or alias ("Xi" in one outlet,
"Xi Jinping" in another), a person's surname with a compatible given name, an acronym and the name
it abbreviates, or a spelling variant of the full name ("Mirela Kovacs" / "Mirela Kovach").
Descriptions ("the Chinese leader") are kept as aliases but never join two entities on their own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..annotate.entities import acronym_key, normalize_name
from .._union import UnionFind
from .story import StoryArticle

__all__ = ["StoryEntity", "reconcile_entities", "name_similarity"]

#: Full names at least this similar (difflib ratio of the normalized names) are spelling variants.
VARIANT_RATIO = 0.86


@dataclass
class StoryEntity:
    """One entity of a story, under all the names its outlets use."""

    id: str
    name: str
    type: str
    aliases: list[str]
    roles: list[str]
    outlets: list[str]
    mentions: list[dict]
    members: list[tuple[str, str]] = field(default_factory=list)  # (article_id, per-article entity id)

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": self.aliases,
                "roles": self.roles, "outlets": self.outlets, "mentions": self.mentions}


def name_similarity(a: str, b: str) -> float:
    """difflib ratio of two normalized names: "Savkat Mirziyoyev" ~ "Shavkat Mirziyoyev" -> 0.97."""
    return SequenceMatcher(None, normalize_name(a), normalize_name(b)).ratio()


def _is_name(alias: str) -> bool:
    """A proper name rather than a description such as "the Chinese leader"."""
    first = alias.split()[0] if alias.split() else ""
    return bool(first) and first[0].isupper() and first.lower() not in {"the", "a", "an"}


def _keys(entity) -> set[str]:
    """Index keys that join entities of the same type across articles."""
    names = [entity.name, *(a for a in entity.aliases if _is_name(a))]
    return {f"{entity.type}:{normalize_name(n)}" for n in names}


def _surname_compatible(a: str, b: str) -> bool:
    """Two person names with the same surname whose given names (if both have one) are alike."""
    ta, tb = normalize_name(a).split(), normalize_name(b).split()
    if not ta or not tb or SequenceMatcher(None, ta[-1], tb[-1]).ratio() < 0.85:
        return False
    if len(ta) == 1 or len(tb) == 1:
        return True
    return SequenceMatcher(None, ta[0], tb[0]).ratio() >= 0.7


def reconcile_entities(articles: list[StoryArticle]) -> tuple[list[StoryEntity], dict[tuple[str, str], str]]:
    """The story's entities, and a map ``(article_id, per-article entity id) -> story entity id``."""
    nodes = [(sa, e) for sa in articles for e in sa.notes.entities]
    uf = UnionFind(range(len(nodes)))
    index: dict[str, int] = {}
    for i, (_, entity) in enumerate(nodes):
        for key in _keys(entity):
            if key in index:
                uf.union(index[key], i)
            else:
                index[key] = i
    _join_people_and_variants(nodes, uf)
    _join_acronyms(nodes, uf)
    groups: dict[int, list[int]] = {}
    for i in range(len(nodes)):
        groups.setdefault(uf.find(i), []).append(i)
    ordered = sorted(groups.values(), key=lambda g: (-_mention_count(nodes, g), min(g)))
    entities, mapping = [], {}
    for n, members in enumerate(ordered, start=1):
        entity = _story_entity(f"E{n}", [nodes[i] for i in members])
        entities.append(entity)
        mapping.update({member: entity.id for member in entity.members})
    return entities, mapping


def _join_people_and_variants(nodes, uf: UnionFind) -> None:
    """Join people by surname with a compatible given name, and people or organisations whose full
    names are spelling variants of each other. Places join only by name: "Niger" is not "Nigeria".
    Only names in one bucket (the first letter of the last word) are compared."""
    buckets: dict[str, list[int]] = {}
    for i, (_, entity) in enumerate(nodes):
        words = normalize_name(entity.name).split()
        if entity.type in ("person", "organization") and words:
            buckets.setdefault(words[-1][0], []).append(i)
    for members in buckets.values():
        for a, i in enumerate(members):
            for j in members[a + 1:]:
                if nodes[i][0] is not nodes[j][0] and uf.find(i) != uf.find(j) and _same_name(nodes[i][1], nodes[j][1]):
                    uf.union(i, j)


def _join_acronyms(nodes, uf: UnionFind) -> None:
    """Join an acronym in one outlet ("SCO") with the name it abbreviates in another ("Shanghai
    Cooperation Organization"), same type; two full names with the same initials are not joined."""
    short: dict[tuple[str, str], list[int]] = {}
    full: dict[tuple[str, str], list[int]] = {}
    for i, (_, entity) in enumerate(nodes):
        for name in {entity.name, *(a for a in entity.aliases if _is_name(a))}:
            key = acronym_key(name)
            if key:
                (short if len(name.split()) == 1 else full).setdefault((entity.type, key), []).append(i)
    for key, acronyms in short.items():
        for i in acronyms:
            for j in full.get(key, ()):
                uf.union(i, j)


def _same_name(a, b) -> bool:
    if "person" in (a.type, b.type) and _surname_compatible(a.name, b.name) and _person_like(a) and _person_like(b):
        return True
    return a.type == b.type and min(len(a.name), len(b.name)) >= 6 and name_similarity(a.name, b.name) >= VARIANT_RATIO


def _person_like(entity) -> bool:
    """A person, or a one-word "organisation" that is likely a surname spaCy mislabelled ("Kovacs")."""
    return entity.type == "person" or (len(entity.name.split()) == 1 and not entity.name.isupper())


def _mention_count(nodes, members: list[int]) -> int:
    return sum(len(nodes[i][1].mentions) for i in members)


def _story_entity(eid: str, members) -> StoryEntity:
    names = Counter()
    for _, entity in members:
        names[entity.name] += len(entity.mentions)
    name = max(names, key=lambda n: (len(n.split()) > 1, names[n], len(n)))
    aliases = sorted({a for _, e in members for a in (e.name, *e.aliases)} - {name})
    roles = sorted({r for _, e in members for r in e.roles})
    outlets = sorted({sa.outlet for sa, _ in members})
    mentions = sorted(
        ({"article_id": sa.article.id, "outlet": sa.outlet, "text": m.text, "start": m.start, "end": m.end}
         for sa, e in members for m in e.mentions),
        key=lambda m: (m["article_id"], m["start"]),
    )
    types = Counter()
    for _, entity in members:  # the type of the entities that carry the chosen name weighs most
        types[entity.type] += len(entity.mentions) * (10 if entity.name == name else 1)
    return StoryEntity(eid, name, types.most_common(1)[0][0], aliases, roles, outlets, mentions,
                       [(sa.article.id, e.id) for sa, e in members])

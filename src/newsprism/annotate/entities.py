"""Entities resolved within one article.

spaCy's named entities are cleaned (no leading "the", no possessive, balanced brackets), then merged:
a surname or given name joins the full name it belongs to ("Putin" -> "Vladimir Putin", "Xi" ->
"Xi Jinping"); an acronym joins the name it abbreviates ("SCO" -> "Shanghai Cooperation Organization",
declared in brackets or matching the initials); known variants of a place join ("US", "U.S.");
titles before a name become roles ("Russian President Vladimir Putin" -> role "President",
nationality "Russian"); and descriptions such as "the Russian leader" join the one person whose
nationality and role fit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .nlp import doc_text
from ..models import Entity, Mention

__all__ = ["find_entities", "ENTITY_TYPES", "DEMONYMS", "acronym_key", "normalize_name", "role_fits"]

#: spaCy label -> newsprism entity type.
ENTITY_TYPES = {
    "PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place",
    "NORP": "group", "EVENT": "event",
}

#: country or region -> its adjective, for "China's President ..." and "the Chinese leader".
DEMONYMS = {
    "Afghanistan": "Afghan", "Australia": "Australian", "Belarus": "Belarusian", "Brazil": "Brazilian",
    "Britain": "British", "Canada": "Canadian", "China": "Chinese", "Egypt": "Egyptian", "France": "French",
    "Germany": "German", "India": "Indian", "Indonesia": "Indonesian", "Iran": "Iranian", "Iraq": "Iraqi",
    "Israel": "Israeli", "Italy": "Italian", "Japan": "Japanese", "Kazakhstan": "Kazakh", "Kyrgyzstan": "Kyrgyz",
    "Mexico": "Mexican", "North Korea": "North Korean", "Pakistan": "Pakistani", "Poland": "Polish",
    "Russia": "Russian", "Saudi Arabia": "Saudi", "South Africa": "South African", "South Korea": "South Korean",
    "Spain": "Spanish", "Syria": "Syrian", "Taiwan": "Taiwanese", "Tajikistan": "Tajik", "Turkey": "Turkish",
    "Turkmenistan": "Turkmen", "Ukraine": "Ukrainian", "United Kingdom": "British", "United States": "American",
    "Uzbekistan": "Uzbek", "Venezuela": "Venezuelan", "Vietnam": "Vietnamese", "Greece": "Greek",
    "Nigeria": "Nigerian", "Kenya": "Kenyan", "Ethiopia": "Ethiopian", "Argentina": "Argentine",
    "Colombia": "Colombian", "Cuba": "Cuban", "Hungary": "Hungarian", "Sweden": "Swedish", "Finland": "Finnish",
    "Norway": "Norwegian", "Denmark": "Danish", "Netherlands": "Dutch", "Belgium": "Belgian", "Ireland": "Irish",
    "Portugal": "Portuguese", "Austria": "Austrian", "Switzerland": "Swiss", "Philippines": "Filipino",
    "Thailand": "Thai", "Malaysia": "Malaysian", "Qatar": "Qatari", "Lebanon": "Lebanese", "Jordan": "Jordanian",
    "Yemen": "Yemeni", "Libya": "Libyan", "Sudan": "Sudanese", "Serbia": "Serbian", "Romania": "Romanian",
    "Georgia": "Georgian", "Armenia": "Armenian", "Azerbaijan": "Azerbaijani", "Mongolia": "Mongolian",
}
_ADJECTIVES = {adj.lower(): adj for adj in DEMONYMS.values()} | {"us": "American", "uzbekistani": "Uzbek", "kazakhstani": "Kazakh"}

_PLACE_VARIANTS = {
    "us": "United States", "u.s.": "United States", "usa": "United States", "u.s.a.": "United States",
    "america": "United States", "the united states": "United States", "uk": "United Kingdom",
    "u.k.": "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
    "un": "United Nations", "u.n.": "United Nations", "eu": "European Union", "e.u.": "European Union",
}
_COUNTRY_OF = {**{k.lower(): k for k in DEMONYMS}, "united states": "United States", "united kingdom": "United Kingdom"}

_TITLES = {
    "president", "vice", "prime", "minister", "foreign", "defense", "defence", "finance", "secretary", "state",
    "speaker", "house", "senator", "sen.", "rep.", "representative", "gov.", "governor", "mayor", "leader",
    "king", "queen", "prince", "princess", "general", "gen.", "chairman", "chairwoman", "chair", "ceo",
    "pope", "ambassador", "spokesman", "spokeswoman", "spokesperson", "judge", "justice", "chief", "dr.",
    "mr.", "mrs.", "ms.", "premier", "chancellor", "commander", "emir", "sheikh", "crown", "deputy",
    "director", "head", "attorney", "lt.", "col.", "colonel", "captain", "capt.", "sir", "lord", "former",
    "acting", "first", "lady", "supreme", "party", "secretary-general", "envoy",
}
_LEADER_NOUNS = {"leader", "president", "premier", "prime minister", "chancellor", "head of state", "strongman", "king"}
_DESCRIPTION = re.compile(
    r"\b(?P<det>[Tt]he) (?P<adj>[A-Z][a-z]+) (?P<noun>leader|president|premier|prime minister|chancellor|"
    r"foreign minister|defen[cs]e minister|king|queen|strongman|head of state)\b"
)
_ACRONYM_IN_BRACKETS = re.compile(r"(?P<name>(?:[A-Z][\w.&'-]*\s+){1,7}[A-Z][\w.&'-]*)\s+\((?P<acr>[A-Z][A-Z.&]{1,9})\)")
_STOP_INITIALS = {"of", "the", "and", "for", "on", "in", "&", "de", "du", "la"}


def normalize_name(name: str) -> str:
    """A comparison key: lower case, no dots or hyphens, one space."""
    return re.sub(r"\s+", " ", re.sub(r"[.\u2019'\-]", " ", name.lower())).strip()


@dataclass
class _Cluster:
    type: str
    names: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    nationality: str | None = None

    @property
    def name(self) -> str:
        full = [n for n in self.names if not _is_acronym(n)] or self.names
        return _PLACE_VARIANTS.get(full[0].lower(), max(full, key=lambda n: (len(n.split()), len(n))))


def find_entities(doc) -> list[Entity]:
    """Entities of a spaCy ``Doc``, each with its mentions (offsets into ``doc_text(doc)``)."""
    clusters: list[_Cluster] = []
    index: dict[tuple[str, str], _Cluster] = {}
    for ent in doc.ents:
        etype = ENTITY_TYPES.get(ent.label_)
        span = _clean_span(doc, ent)
        if etype is None or span is None or (_is_adjectival(ent) and _is_modifier(ent)):
            continue
        start, end = span
        text = doc_text(doc)[start:end]
        cluster = _find_cluster(index, clusters, etype, text)
        if cluster is None:
            cluster = _Cluster(etype)
            clusters.append(cluster)
        _add_mention(cluster, index, Mention(start, end, text))
        if etype == "person":
            _add_roles(cluster, doc, ent)
    _merge_bracketed_acronyms(doc_text(doc), clusters, index)
    _add_descriptions(doc_text(doc), clusters)
    return _to_entities(clusters)


def _clean_span(doc, ent) -> tuple[int, int] | None:
    """Character span without a leading "the", a trailing possessive or an unbalanced bracket."""
    text = ent.text
    start = ent.start_char
    if text.lower().startswith("the "):
        text, start = text[4:], start + 4
    text = re.sub(r"(?:['\u2019]s?|\s*\([^)]*)$", "", text)
    text = text.strip(" ,;:-\u2013\u2014\"'\u201c\u201d")
    if text.endswith(".") and not re.search(r"\b(?:[A-Za-z]\.)+$", text):
        text = text[:-1]
    if len(text) < 2 or not any(c.isupper() for c in text):
        return None
    start = doc_text(doc).find(text, start)
    return (start, start + len(text)) if start >= 0 else None


def _is_adjectival(ent) -> bool:
    return ent.label_ == "NORP" or ent.text.lower() in _ADJECTIVES


def _is_modifier(ent) -> bool:
    """An adjectival nationality ("Russian President") is an attribute, not an entity."""
    return ent.root.dep_ in ("amod", "compound", "nmod") and ent.root.head.pos_ in ("NOUN", "PROPN")


def _key(etype: str, text: str) -> tuple[str, str]:
    norm = normalize_name(text)
    return etype, normalize_name(_PLACE_VARIANTS.get(text.lower(), norm)) if etype == "place" else norm


def _find_cluster(index, clusters, etype: str, text: str) -> _Cluster | None:
    found = index.get(_key(etype, text))
    if found:
        return found
    same_name = [c for c in clusters if any(normalize_name(n) == normalize_name(text) for n in c.names)]
    if same_name:  # the small model sometimes labels one name two ways in one article
        return same_name[0]
    tokens = normalize_name(text).split()
    if etype == "person" and len(tokens) == 1:
        return _person_by_part(clusters, tokens[0])
    if etype == "organization":
        return _org_by_acronym_or_tail(clusters, text)
    return None


def _person_by_part(clusters, token: str) -> _Cluster | None:
    """A one-word name joins the full name whose last word (else first word) it is."""
    people = [c for c in clusters if c.type == "person"]
    for position in (-1, 0):
        for c in reversed(people):
            if any(len(p := normalize_name(n).split()) > 1 and p[position] == token for n in c.names):
                return c
    return None


def _org_by_acronym_or_tail(clusters, text: str) -> _Cluster | None:
    orgs = [c for c in clusters if c.type == "organization"]
    for c in orgs:
        for name in c.names:
            if _abbreviates(text, name) or _abbreviates(name, text):
                return c
            if len(text.split()) == 1 and len(name.split()) > 1 and normalize_name(name).split()[-1] == normalize_name(text):
                return c
    return None


def _is_acronym(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z.&]{1,9}", text))


def _abbreviates(short: str, long: str) -> bool:
    return _is_acronym(short) and len(long.split()) >= 2 and acronym_key(long) == acronym_key(short)


def acronym_key(name: str) -> str | None:
    """What an acronym and the name it abbreviates share: "S.C.O." and "Shanghai Cooperation
    Organization" both give "SCO". None for a one-word name that is no acronym."""
    if _is_acronym(name):
        return name.replace(".", "").replace("&", "")
    if len(name.split()) < 2:
        return None
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w.lower() not in _STOP_INITIALS).upper()


def _add_mention(cluster: _Cluster, index, mention: Mention) -> None:
    cluster.mentions.append(mention)
    if mention.text not in cluster.names:
        cluster.names.append(mention.text)
    index.setdefault(_key(cluster.type, mention.text), cluster)


def _add_roles(cluster: _Cluster, doc, ent) -> None:
    """Title words right before a person's name: roles, and a nationality from "Russian"/"China's"."""
    words: list[str] = []
    i = ent.start - 1
    while i >= 0 and ent.start - i <= 5:
        tok = doc[i]
        low = tok.lower_
        if low in _TITLES:
            words.insert(0, tok.text)
        elif low in _ADJECTIVES:
            cluster.nationality = cluster.nationality or _ADJECTIVES[low]
        elif tok.text in ("'s", "\u2019s") and i > 0 and doc[i - 1].text in DEMONYMS:
            cluster.nationality = cluster.nationality or DEMONYMS[doc[i - 1].text]
            i -= 1
        elif tok.text in DEMONYMS:
            cluster.nationality = cluster.nationality or DEMONYMS[tok.text]
        else:
            break
        i -= 1
    if words:
        role = " ".join(words)
        if role not in cluster.roles:
            cluster.roles.append(role)


def _merge_bracketed_acronyms(text: str, clusters: list[_Cluster], index) -> None:
    """"Shanghai Cooperation Organization (SCO)": the acronym's cluster joins the name's."""
    for match in _ACRONYM_IN_BRACKETS.finditer(text):
        name, acr = match["name"], match["acr"]
        if not _abbreviates(acr, name):
            continue
        long = next((c for c in clusters if any(normalize_name(n) in normalize_name(name) for n in c.names if len(n) > 3)), None)
        short = index.get(("organization", normalize_name(acr)))
        if long is not None and short is not None and long is not short:
            long.mentions.extend(short.mentions)
            long.names.extend(n for n in short.names if n not in long.names)
            clusters.remove(short)
            for key, value in list(index.items()):
                if value is short:
                    index[key] = long
        elif long is not None and acr not in long.names:
            long.names.append(acr)


def _add_descriptions(text: str, clusters: list[_Cluster]) -> None:
    """"the Russian leader" joins the one Russian person with a leader's role."""
    people = [c for c in clusters if c.type == "person" and c.nationality]
    for match in _DESCRIPTION.finditer(text):
        nationality = _ADJECTIVES.get(match["adj"].lower())
        if not nationality:
            continue
        noun = match["noun"].lower()
        fits = [c for c in people if c.nationality == nationality and role_fits(c.roles, noun)]
        if len(fits) == 1:
            start = match.start()
            fits[0].mentions.append(Mention(start, match.end(), match.group(0)))


def role_fits(roles, noun: str) -> bool:
    """Whether a description's head noun ("leader", "president") fits an entity's roles; any of the
    leader nouns fits any other."""
    lowered = " ".join(roles).lower()
    if noun in _LEADER_NOUNS:
        return any(n in lowered for n in _LEADER_NOUNS)
    return noun in lowered


def _to_entities(clusters: list[_Cluster]) -> list[Entity]:
    out = []
    ordered = sorted(clusters, key=lambda c: min(m.start for m in c.mentions))
    for n, c in enumerate(ordered, start=1):
        name = c.name
        aliases = tuple(sorted({m.text for m in c.mentions} - {name}))
        roles = tuple(c.roles) + ((f"nationality:{c.nationality}",) if c.nationality else ())
        out.append(Entity(f"e{n}", name, c.type, aliases, tuple(sorted(c.mentions, key=lambda m: m.start)), roles))
    return out

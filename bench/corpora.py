"""Real article texts from ../shared/data for the benchmarks that need many documents."""

from __future__ import annotations

import re
from pathlib import Path

from _common import DATA

ECB = DATA / "ecbplus" / "ECB+_LREC2014" / "ECB+"
# ECB+'s newer documents split numbers into tokens ("4 . 6", "2 : 09"); the older ones keep them whole
# ("4.4", "9:27"). Rejoined, so both read as printed.
_NUMBER_SPLIT = re.compile(r"(?<=\d) ([.,:]) (?=\d)")
_TOKEN = re.compile(r'<token t_id="\d+" sentence="(\d+)" number="\d+">([^<]*)</token>')


def ecb_text(path: Path) -> str:
    """An ECB+ document's text rebuilt from its tokens: tokens joined by spaces, one sentence a line."""
    sentences: dict[int, list[str]] = {}
    for sentence, token in _TOKEN.findall(path.read_text(encoding="utf-8")):
        sentences.setdefault(int(sentence), []).append(
            token.replace("&amp;", "&").replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
        )
    return "\n".join(_NUMBER_SPLIT.sub(r"\1", " ".join(tokens)) for _, tokens in sorted(sentences.items()))


def ecb_documents() -> list[tuple[str, str]]:
    """(name, text) for all 982 ECB+ documents, sorted by topic and name."""
    def key(p: Path):
        topic, rest = p.stem.split("_", 1)
        return int(topic), rest

    return [(p.stem, ecb_text(p)) for p in sorted(ECB.glob("*/*.xml"), key=key)]


def polnear_documents() -> list[tuple[str, str]]:
    """(name, text) for the PolNeAR train and dev articles."""
    paths = sorted((DATA / "polnear" / "data").glob("*/text/*.txt"))
    return [(p.stem, p.read_text(encoding="utf-8")) for p in paths]

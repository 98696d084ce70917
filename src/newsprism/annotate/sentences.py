"""Sentences with character offsets. A paragraph break always ends a sentence, so a bullet or a
headline-like line is never glued to its neighbour."""

from __future__ import annotations

from spacy.language import Language

from .nlp import doc_text
from ..models import Sentence

__all__ = ["PARAGRAPH_BREAKS", "find_sentences"]

PARAGRAPH_BREAKS = "newsprism_paragraph_breaks"


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc):
    """Start a sentence after every line break (runs before the parser, which respects it)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
        elif token.is_space and "\n" in token.text:
            token.is_sent_start = False
    return doc


def find_sentences(doc) -> list[Sentence]:
    """The sentences of a parsed ``Doc``, trimmed of white space, with offsets into ``doc_text(doc)``."""
    out = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        raw = doc_text(doc)[start:end]
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw) - len(raw.rstrip())
        start, end = start + lead, end - trail
        if end <= start:
            continue
        if out and not any(c.isalnum() for c in doc_text(doc)[start:end]) and "\n" not in doc_text(doc)[out[-1].end:start]:
            start = out.pop().start  # a stray closing quote or bracket belongs to the sentence before
        out.append(Sentence(start, end, doc_text(doc)[start:end]))
    return out

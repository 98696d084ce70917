"""The demo corpus that ``newsprism demo`` bundles and analyses.

``corpus.jsonl`` holds thirteen short, entirely **fictional** news articles (invented places, people,
organisations and outlets; URLs under the reserved ``.example`` domain), set in the week of Monday
2026-03-02 to Sunday 2026-03-08, one JSON object per line with ``outlet``, ``title``, ``url``,
``author``, ``published`` (ISO 8601 with a zone offset; omitted for one article) and ``text``
(paragraphs separated by a blank line). Three events, each told by three or four outlets, plus one
unrelated story:

* **The Marisol ferry capsizing off Port Avel** (Tuesday 2026-03-03): Meridian Press Agency (wire),
  Avel Daily Ledger (a reprint of the Meridian wire: new headline, one paragraph trimmed, one local
  paragraph added), The Harbour Courier, and Coastline Herald (undated: its "on Tuesday" and
  "on Monday" must be resolved from the story's date). Death toll 14 vs 17, Gull Point vs Cape
  Morrow; Transport Minister Mirela Kovacs (spelt "Kovach" by the Courier) quoted verbatim,
  partially and in paraphrase.
* **Dunmarrow council votes to close the Castellan Bridge** (Wednesday 2026-03-04): Dunmarrow
  Evening Post, Civic Record, Meridian Press Agency, Ambel Valley Radio. Reopening June 1 vs June 8, cost 18.5 vs
  21 million crowns, trams "will continue to run" vs "will not run"; Mayor Ilse Brandauer's quote
  three ways.
* **Cyberattack on Vennmark Regional Rail** (Thursday night 2026-03-05 to Friday): The Signal Desk,
  Civic Record, Meridian Press Agency, Hollinsford Gazette. Grey Lantern vs the Vorsk Collective,
  full service by March 9 vs March 11; Rosalind Achterberg's quote verbatim, partial, paraphrased,
  and misattributed to the operator's chief executive Paul Venner by the Gazette.
* **Unrelated**: a titan arum flowering at the Hollinsford Botanic Garden (Hollinsford Gazette).

``planted.json`` lists, per event, what was planted (corroborated and single-source facts,
conflicts by slot, the quote's renderings, relative dates with their resolved values, the reprint
and the undated article) with exact substrings of each article's text, for golden tests.
"""

from __future__ import annotations

import pathlib
from importlib import resources

__all__ = ["corpus_path", "planted_path"]


def corpus_path() -> pathlib.Path:
    """The bundled ``corpus.jsonl`` (a real file path when the package is installed from a wheel or a checkout)."""
    return pathlib.Path(str(resources.files(__name__).joinpath("corpus.jsonl")))


def planted_path() -> pathlib.Path:
    """The bundled ``planted.json``: what the demo corpus plants, for golden tests."""
    return pathlib.Path(str(resources.files(__name__).joinpath("planted.json")))

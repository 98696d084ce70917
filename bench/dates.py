"""Time expressions: newsprism's rules vs dateparser's search_dates, on a test set written for
newsprism (bench/dates_cases.py): exact value and precision per expected expression, and false
positives on sentences without any time expression.

    python bench/dates.py [--json FILE]
"""

from __future__ import annotations

import argparse
import time
from datetime import date, datetime

from _common import save_json, table
from dates_cases import CASES, DISTRACTORS

from newsprism.annotate.dates import find_times


def newsprism_found(sentence: str, anchor: date) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(t.expression, t.value, t.precision, t.modifier) for t in find_times(sentence, anchor)]


def dateparser_found(sentence: str, anchor: date) -> list[tuple[str, str | None, str | None, str | None]]:
    """dateparser finds datetimes: every hit is read as a day."""
    from dateparser.search import search_dates

    base = datetime(anchor.year, anchor.month, anchor.day, 12)
    hits = search_dates(sentence, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    return [(text, dt.date().isoformat(), "day", None) for text, dt in hits]


def evaluate(finder) -> dict:
    exact = modifier_ok = found = 0
    misses = []
    start = time.perf_counter()
    for anchor, sentence, expression, value, precision, modifier in CASES:
        hits = finder(sentence, date.fromisoformat(anchor))
        hit = next((h for h in hits if expression in h[0] or h[0] in expression), None)
        found += hit is not None
        if hit and hit[1] == value and hit[2] == precision:
            exact += 1
            modifier_ok += hit[3] == modifier
        else:
            misses.append((sentence, expression, value, hit))
    false_positives = [(s, h) for anchor, s in DISTRACTORS for h in finder(s, date.fromisoformat(anchor))]
    seconds = time.perf_counter() - start
    n = len(CASES)
    return {
        "cases": n, "found": found / n, "exact": exact / n, "modifier_ok": modifier_ok / n,
        "false_positives": len(false_positives), "distractors": len(DISTRACTORS),
        "ms_per_sentence": 1000 * seconds / (n + len(DISTRACTORS)),
        "misses": misses, "false_positive_hits": false_positives,
    }


def long_texts() -> list[list]:
    """Time to find the expressions of texts of growing length (one sentence repeated, two
    expressions a sentence): should grow about linearly."""
    sentence = "Officials said on Tuesday that the bridge would reopen by March 9, two weeks after the flood."
    rows = []
    for copies in (475, 950, 1900):
        text = " ".join([sentence] * copies)
        start = time.perf_counter()
        found = find_times(text, date(2026, 3, 2))
        rows.append([f"{len(text):,}", len(found), round(time.perf_counter() - start, 3)])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument("--verbose", action="store_true", help="list misses and false positives")
    parser.add_argument("--long", action="store_true", help="also time texts of 45k, 90k and 180k characters")
    args = parser.parse_args()
    results = {"newsprism": evaluate(newsprism_found), "dateparser.search_dates": evaluate(dateparser_found)}
    rows = [[name, r["cases"], r["found"], r["exact"], r["modifier_ok"], f"{r['false_positives']} / {r['distractors']}",
             f"{r['ms_per_sentence']:.2f}"] for name, r in results.items()]
    print(table(["system", "expressions", "found", "exact value+precision", "+ modifier", "false positives", "ms/sentence"], rows))
    ok = results["newsprism"]["exact"] >= 0.95
    print(f"\nacceptance (exact value and precision >= 95%): {'PASS' if ok else 'FAIL'}")
    if args.verbose:
        for name, r in results.items():
            print(f"\n{name} misses:", *r["misses"], "false positives:", *r["false_positive_hits"], sep="\n  ")
    if args.long:
        print("\n" + table(["characters", "expressions", "seconds"], long_texts()))
    save_json(args.json, results)


if __name__ == "__main__":
    main()

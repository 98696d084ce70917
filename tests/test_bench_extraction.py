"""The extraction benchmark's metric, checked by hand, and a quality floor on real pages."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import extraction  # noqa: E402


def test_identical_texts():
    assert extraction.tp_fp_fn("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)


def test_disjoint_texts():
    assert extraction.tp_fp_fn("a b c d", "w x y z") == (0.0, 0.5, 0.5)


def test_partial_overlap_by_hand():
    # truth shingles: (a b c d) (b c d e); prediction: (a b c d) (b c d x) (c d x y)
    tp, fp, fn = extraction.tp_fp_fn("A b c d e", "a b c d x y")
    assert (tp, fp, fn) == pytest.approx((1 / 4, 2 / 4, 1 / 4))
    assert extraction.precision(tp, fp, fn) == pytest.approx(1 / 3)
    assert extraction.recall(tp, fp, fn) == pytest.approx(1 / 2)


def test_empty_prediction_and_averaging():
    empty = extraction.tp_fp_fn("a b c d", "")
    assert empty == (0.0, 0.0, 1.0)
    scored = extraction.score([(1.0, 0.0, 0.0), empty])
    # the empty prediction has no predicted shingles: it counts for recall (0) but not precision
    assert scored["precision"] == 1.0 and scored["recall"] == 0.5
    assert scored["f1"] == pytest.approx(2 * 0.5 / 1.5)


@pytest.mark.slow
def test_quality_floor_on_the_first_30_pages():
    truth, pages = extraction.load(30)
    pairs = [extraction.tp_fp_fn(truth[i], extraction.newsprism_text(pages[i])) for i in truth]
    assert extraction.score(pairs)["f1"] >= 0.94  # measured 0.951 on these pages (0.961 on all 181)

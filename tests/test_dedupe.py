"""Near-duplicates: reprints share an origin, independent reports do not, the earliest copy wins."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from newsprism.dedupe import NearDuplicateIndex

WIRE = [
    "Firefighters contained a wildfire that burned across the hills above the town of Valdoro on Sunday, the regional fire service said.",
    "The blaze destroyed 14 homes and forced about 2,000 residents to leave overnight as strong winds pushed the flames toward the coast.",
    "Two firefighters were treated for smoke inhalation, and no deaths were reported, a spokeswoman for the service told reporters.",
    "Officials said the cause of the fire was under investigation and that roads into the area would stay closed until Tuesday.",
    "The regional governor visited an evacuation shelter in the afternoon and promised emergency funds for families who lost their homes.",
]
INDEPENDENT = (
    "Residents of Valdoro returned on Monday to find charred hillsides and burned-out houses after a weekend wildfire. "
    "Local officials counted more than a dozen homes lost, and volunteers handed out water and blankets at the school gym. "
    "Investigators have not said how the fire started, but several neighbours blamed a downed power line."
)


def day(d: int) -> datetime:
    return datetime(2031, 7, d, 12, tzinfo=timezone.utc)


def test_a_reprint_links_to_the_earliest_copy():
    index = NearDuplicateIndex()
    original = "\n\n".join(WIRE)
    reprint = "\n\n".join(WIRE[:-1] + ["Subscribe to our evening newsletter for more local news."])
    assert index.add("wire", original, day(1)) == "wire"
    assert index.add("paper-a", reprint, day(2)) == "wire"
    assert index.add("paper-b", "\n\n".join(WIRE + ["A local school will open as a second shelter."]), day(2)) == "wire"


def test_independent_reports_are_distinct_origins():
    index = NearDuplicateIndex()
    index.add("wire", "\n\n".join(WIRE), day(1))
    assert index.add("reporter", INDEPENDENT, day(2)) == "reporter"


def test_an_earlier_copy_found_later_becomes_the_origin_of_the_group():
    index = NearDuplicateIndex()
    index.add("late-copy", "\n\n".join(WIRE), day(3))
    index.add("later-copy", "\n\n".join(WIRE[:4]), day(4))
    assert index.add("first-edition", "\n\n".join(WIRE), day(1)) == "first-edition"
    assert index.origins() == {"late-copy": "first-edition", "later-copy": "first-edition", "first-edition": "first-edition"}


def test_undated_copies_keep_the_order_they_came_in():
    index = NearDuplicateIndex()
    index.add("a", "\n\n".join(WIRE))
    assert index.add("b", "\n\n".join(WIRE)) == "a"


def test_adding_twice_is_idempotent():
    index = NearDuplicateIndex()
    index.add("a", "\n\n".join(WIRE), day(1))
    assert index.add("a", "\n\n".join(WIRE), day(1)) == "a" and len(index.origins()) == 1


def test_bad_threshold():
    with pytest.raises(ValueError, match="between 0 and 1"):
        NearDuplicateIndex(threshold=1.5)

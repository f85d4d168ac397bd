"""Keyset paging walks a list newest first without skipping or repeating a row, even when rows share a timestamp or
arrive while someone pages; a cursor that does not parse is the first page."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qingzhuang.jobs.models import Job
from qingzhuang.lib.keyset import keyset_page

pytestmark = pytest.mark.django_db

BASE = dt.datetime(2026, 1, 1, 8, tzinfo=dt.UTC)


def _events(offsets):
    made = Job.objects.bulk_create([Job(kind="test.row", func="x", message=str(i)) for i in range(len(offsets))])
    for job, minutes in zip(made, offsets, strict=True):
        Job.objects.filter(pk=job.pk).update(created_at=BASE + dt.timedelta(minutes=minutes))
    return Job.objects.filter(kind="test.row")


def _walk(qs, size):
    seen, cursor = [], None
    for _ in range(1000):
        rows, cursor = keyset_page(qs, field="created_at", after=cursor, size=size)
        seen += [r.pk for r in rows]
        if not cursor:
            return seen
    raise AssertionError("the walk did not end")


@settings(max_examples=15, deadline=None)
@given(offsets=st.lists(st.integers(0, 5), min_size=0, max_size=30), size=st.integers(1, 7))
def test_walking_the_pages_gives_every_row_once_in_order(offsets, size):
    Job.objects.filter(kind="test.row").delete()
    qs = _events(offsets)

    walked = _walk(qs, size)

    assert walked == list(qs.order_by("-created_at", "-pk").values_list("pk", flat=True))


def test_a_row_added_while_paging_neither_shifts_nor_repeats_the_next_page():
    qs = _events([1, 2, 3, 4])
    first, cursor = keyset_page(qs, field="created_at", after=None, size=2)
    _events([9])  # a new row, newest of all

    second, _end = keyset_page(qs.filter(kind="test.row"), field="created_at", after=cursor, size=2)

    assert [e.message for e in first] == ["3", "2"] and [e.message for e in second] == ["1", "0"]


@pytest.mark.parametrize("cursor", ["", "abc", "1.", ".2", "-5.3", "1e23.4", "9" * 17 + ".1", "1.2\x00", "１.２", "1.2.3"])
def test_a_cursor_that_does_not_parse_or_lies_outside_time_is_the_first_page_or_empty(cursor):
    qs = _events([1, 2])
    rows, _next = keyset_page(qs, field="created_at", after=cursor, size=5)
    assert len(rows) in (0, 2)

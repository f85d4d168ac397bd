"""A database flushed after its migrations (transactional tests do it) gets the package's calendar back on first
use: a deadline is never computed on an empty calendar by accident."""

import datetime as dt

import pytest

from qingzhuang.workdays import selectors
from qingzhuang.workdays.models import CalendarYear

pytestmark = pytest.mark.django_db


def test_an_emptied_calendar_is_seeded_again_before_a_deadline_is_computed():
    CalendarYear.objects.all().delete()

    found = selectors.add_working_days(dt.date(2026, 9, 28), 15)

    assert found.day == dt.date(2026, 10, 23) and found.missing_years == ()
    assert CalendarYear.objects.filter(year__gte=2004, year__lte=2026).count() == 23

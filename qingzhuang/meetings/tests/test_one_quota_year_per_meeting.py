"""A meeting belongs to one quota year, the year of its date: approval takes that year's slot, and a
meeting held on a day of another year (planned for 31 December, held on 1 January) moves its slot."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from qingzhuang.audit.models import Event
from qingzhuang.gate.models import Quota, QuotaUse
from qingzhuang.gate.services import quota_set
from qingzhuang.meetings import services
from qingzhuang.meetings.rules import QUOTA_KIND
from qingzhuang.meetings.tests.factories import approved, make

pytestmark = pytest.mark.django_db


def local(year: int, month: int, day: int, hour: int, minute: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))  # noqa: DTZ001 - made aware in the local zone


@pytest.fixture
def quotas(world):
    return {year: quota_set(actor=None, unit=world.civil_affairs, year=year, kind=QUOTA_KIND, limit=5) for year in (2025, 2026)}


def used(world) -> dict[int, int]:
    return dict(Quota.objects.filter(unit=world.civil_affairs, kind=QUOTA_KIND).values_list("year", "used"))


def test_a_meeting_planned_for_31_december_and_held_on_1_january_moves_its_slot(world, quotas, client_for):
    meeting = approved(world, starts_at=local(2025, 12, 31, 16, 0))
    assert meeting.quota_year == 2025 and used(world) == {2025: 1, 2026: 0}
    events = Event.objects.filter(model="gate.quota", object_id__in=[str(quotas[2025].pk), str(quotas[2026].pk)]).count()

    services.meeting_close(actor=world.clerk, meeting=meeting, actual_minutes=40, actual_start=local(2026, 1, 1, 9, 0))

    meeting.refresh_from_db()
    assert meeting.quota_year == 2026 and used(world) == {2025: 0, 2026: 1}
    assert list(QuotaUse.objects.filter(item_type="meetings.meeting", item_id=meeting.pk).values_list("quota__year", flat=True)) == [2026]
    assert Event.objects.filter(model="gate.quota", object_id__in=[str(quotas[2025].pk), str(quotas[2026].pk)]).count() == events + 2
    page = client_for(world.clerk).get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "计入2026年配额" in page


def test_rescheduling_a_draft_into_another_year_changes_its_quota_year(world, quotas):
    meeting = make(world, starts_at=local(2025, 12, 30, 9, 0))
    assert meeting.quota_year == 2025

    services.meeting_update(actor=world.clerk, meeting=meeting, starts_at=local(2026, 1, 6, 9, 0))

    meeting.refresh_from_db()
    assert meeting.quota_year == 2026 and used(world) == {2025: 0, 2026: 0}

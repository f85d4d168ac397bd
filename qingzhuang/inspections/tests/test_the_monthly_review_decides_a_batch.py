"""月控 for a month's batch: the county office ticks several items outside the plan and approves them together; an item
a full cap blocks stays waiting and says why while the others are filed; refusing needs one reason; nobody else may."""

import pytest
from django.urls import reverse

from qingzhuang.audit.models import Event
from qingzhuang.gate.services import quota_set
from qingzhuang.inspections.models import Item, ItemStatus
from qingzhuang.inspections.tests.factories import filed, propose, window

pytestmark = pytest.mark.django_db


def _late(world, count):
    filed(world, subject="年度计划内的检查", targets=[world.yongle])
    return [propose(world, subject=f"临时增加的检查{i}", targets=[world.xikou]) for i in range(count)]


def _statuses(items):
    return [Item.objects.get(pk=i.pk).status for i in items]


def test_the_ticked_items_are_approved_together_and_the_untouched_one_waits(world, client_for):
    late = _late(world, 3)
    client = client_for(world.reviewer)
    page = client.get(reverse("inspections:monthly")).content.decode()
    assert all(f"临时增加的检查{i}" in page for i in range(3)) and "年度计划内的检查" not in page

    response = client.post(reverse("inspections:monthly"), {"item": [late[0].pk, late[2].pk], "decision": "approve"}, follow=True)

    assert _statuses(late) == [ItemStatus.FILED, ItemStatus.MONTHLY_REVIEW, ItemStatus.FILED]
    assert "已通过月控：2 项" in response.content.decode()
    assert Event.objects.filter(model="inspections.item", object_id__in=[str(late[0].pk), str(late[2].pk)], action="update").count() == 2


def test_an_item_a_full_cap_blocks_stays_waiting_and_says_why_while_the_others_are_filed(world, client_for):
    quota_set(actor=world.reviewer, unit=world.civil_affairs, year=window()[0].year, kind="inspection", limit=2)
    late = _late(world, 2)  # the plan's item takes one of the two slots

    response = client_for(world.reviewer).post(reverse("inspections:monthly"), {"item": [i.pk for i in late], "decision": "approve"}, follow=True)

    assert _statuses(late) == [ItemStatus.FILED, ItemStatus.MONTHLY_REVIEW]
    text = response.content.decode()
    assert "已通过月控：1 项" in text and "临时增加的检查1" in text


def test_refusing_the_ticked_items_needs_a_reason_and_without_one_nothing_changes(world, client_for):
    late = _late(world, 2)
    client = client_for(world.reviewer)
    before = Event.objects.count()

    blank = client.post(reverse("inspections:monthly"), {"item": [i.pk for i in late], "decision": "refuse", "reason": "\u3000\u200b"}, follow=True)
    assert _statuses(late) == [ItemStatus.MONTHLY_REVIEW] * 2 and Event.objects.count() == before
    assert "理由" in blank.content.decode()

    client.post(reverse("inspections:monthly"), {"item": [i.pk for i in late], "decision": "refuse", "reason": "与计划内检查重复"})
    assert _statuses(late) == [ItemStatus.REFUSED] * 2


@pytest.mark.parametrize("ticked", [[], ["abc"], ["-5"], ["1" * 30], ["99999999"], ["\x00"]])
def test_nothing_or_junk_ticked_decides_nothing(world, client_for, ticked):
    late = _late(world, 1)
    response = client_for(world.reviewer).post(reverse("inspections:monthly"), {"item": ticked, "decision": "approve"}, follow=True)
    assert response.status_code in (200, 400) and _statuses(late) == [ItemStatus.MONTHLY_REVIEW]


@pytest.mark.parametrize("persona", ["clerk", "secretary", "rider"])
def test_nobody_but_the_county_office_may_open_or_decide_the_batch(world, client_for, persona):
    late = _late(world, 1)
    client = client_for(getattr(world, persona))
    assert client.get(reverse("inspections:monthly")).status_code == 403
    client.post(reverse("inspections:monthly"), {"item": [late[0].pk], "decision": "approve"})
    assert _statuses(late) == [ItemStatus.MONTHLY_REVIEW]


def test_another_countys_office_sees_none_of_the_items_and_decides_none(world, client_for):
    late = _late(world, 1)
    client = client_for(world.outsider)
    assert "临时增加的检查0" not in client.get(reverse("inspections:monthly")).content.decode()
    client.post(reverse("inspections:monthly"), {"item": [late[0].pk], "decision": "approve"})
    assert _statuses(late) == [ItemStatus.MONTHLY_REVIEW]

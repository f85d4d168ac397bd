"""The ledger's page of a community lists every task it received in the period with its basis and deadline, and the
plaques hanging at the period's end (excess ones marked); another county's reviewer sees none of it."""

import datetime as dt

import pytest
from django.urls import reverse

from qingzhuang.duties import services
from qingzhuang.duties.models import DutyItem
from qingzhuang.duties.testing import approved_list
from qingzhuang.duties.testing import task_send as send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-09-28"


def test_the_community_ledger_page_lists_this_years_tasks_with_their_basis_and_its_plaques(world, client_for):
    approved_list(world)
    send(world, title="组织议事任务", cited_item_id=DutyItem.objects.get(title="组织居民开展自治活动").pk)
    send(world, title="跨年统计任务", due_on=dt.date(2027, 1, 15))
    services.signboard_record(actor=None, unit=world.xincheng, name="某某协会工作站", placement="outside", since=dt.date(2025, 5, 1))

    this_year = client_for(world.reviewer).get(reverse("ledger:unit", args=[world.xincheng.pk]) + "?p=2026").content.decode()
    last_year = client_for(world.reviewer).get(reverse("ledger:unit", args=[world.xincheng.pk]) + "?p=2025").content.decode()

    assert "收到的工作任务及其依据" in this_year
    assert "组织议事任务" in this_year and "清单内事项" in this_year
    assert "跨年统计任务" in this_year and "无依据" in this_year and "2027年无节假日数据" in this_year
    assert "某某协会工作站" in this_year and "不在准挂清单内" in this_year
    assert "组织议事任务" not in last_year and "某某协会工作站" in last_year


def test_another_countys_reviewer_does_not_see_the_section(world, client_for):
    send(world, title="组织议事任务")

    response = client_for(world.outsider).get(reverse("ledger:unit", args=[world.xincheng.pk]) + "?p=2026")

    assert "组织议事任务" not in response.content.decode()

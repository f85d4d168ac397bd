import datetime as dt

import pytest
from django.utils import timezone

from qingzhuang.org.models import Role
from qingzhuang.org.testing import _user
from qingzhuang.pairing.services import pairing_file


@pytest.fixture
def paired(world):
    """新城社区 paired with 镇安县民政局 and 镇安县教育局 (both get the whistle), an education clerk too."""
    for department in (world.civil_affairs, world.education):
        pairing_file(actor=None, department=department, community=world.xincheng, leader="王局长", cadres="李四、张三",
                     valid_from=dt.date(2024, 1, 1))
    world.edu_clerk = _user("edu_clerk", world.education, Role.DEPARTMENT_CLERK)
    return world


def at(text: str) -> dt.datetime:
    """A local moment, '2026-09-29 09:00'."""
    return timezone.make_aware(dt.datetime.fromisoformat(text))


@pytest.fixture
def raise_case(paired):
    from qingzhuang.cases.services import case_raise

    def make(**overrides):
        values = {"actor": paired.secretary, "community": paired.xincheng, "title": "小区雨污管网堵塞", "description": "三号楼下水道反复堵塞，社区无权施工。",
                  "category": "infrastructure", "urgency": "general", "beyond_power": True, "now": at("2026-11-02 09:00")}
        values.update(overrides)
        return case_raise(**values)

    return make


@pytest.fixture(autouse=True)
def _chinese():
    """Messages in the users' language: Chinese first."""
    from django.utils import translation

    with translation.override("zh-hans"):
        yield

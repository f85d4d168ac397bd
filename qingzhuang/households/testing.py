"""Test helpers: the test world's 新城社区 keeps a household (an elderly man living alone) paired with the world's rider
马骏 since 2026-01-01; a second rider of the same community (孙伟, user "rider2") is enrolled but paired with nobody."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qingzhuang.households import services
from qingzhuang.households.models import Household
from qingzhuang.org import services as org
from qingzhuang.org.models import PersonKind, Role, User
from qingzhuang.org.testing import PASSWORD
from qingzhuang.riders import services as riders
from qingzhuang.riders.models import Rider

ID_NUMBER = "610125194503120018"  # a valid GB 11643 check digit
PHONE = "13709171234"


def household_values(**changes: Any) -> dict[str, Any]:
    values = {"head_name": "张桂兰", "address": "新城社区3号楼2单元101", "phone": PHONE, "id_number": ID_NUMBER, "kinds": ["elderly_alone", "disabled"],
              "needs": "腿脚不便，每周代买菜和药，上门看看", "health": "高血压，糖尿病，左腿骨折后行动不便", "consent_by": "张桂兰本人",
              "consent_on": "2025-12-20", "consent_how": "written"}
    return {**values, **changes}


def rider_for(user: User, community: Any, *, name: str, phone: str) -> Rider:
    return riders.rider_enrol(actor=None, community=community, name=name, phone=phone, duties=["caring_helper"], joined_on="2025-06-01",
                              platform="meituan", user=user)


def rider_user(username: str, unit: Any) -> User:
    person = org.person_create(actor=None, name=f"{username}姓名", kind=PersonKind.RIDER, unit=unit, phone="13912345600")
    user = org.user_create(actor=None, username=username, password=PASSWORD, person=person)
    org.role_assign(actor=None, user=user, role=Role.RIDER, unit=unit)
    return User.objects.get(pk=user.pk)


def paired_household(world: Any, **changes: Any) -> tuple[Household, Rider]:
    """A household of 新城社区 paired with the world's rider since 2026-01-01; returns (household, rider)."""
    rider = Rider.objects.filter(user=world.rider).first() or rider_for(world.rider, world.xincheng, name="马骏", phone="13912345678")
    household = services.household_create(actor=world.secretary, community=world.xincheng, **household_values(**changes))
    services.pairing_create(actor=world.secretary, household=household, rider=rider, since=dt.date(2026, 1, 1))
    return household, rider

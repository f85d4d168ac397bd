"""Duty lists (履职事项清单), tasks pushed down with their entry approval (准入), and signboards (挂牌)."""

from django.utils.translation import gettext_lazy as _

from qingzhuang.components import Component
from qingzhuang.duties.models import DutyAdjustment, DutyList, Task
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role

U, C = Reach.UNIT, Reach.COUNTY

COMPONENT = Component(
    name="duties",
    url_prefix="duties",
    api_prefix="duties",
    permissions={
        # Departments read every list of their county: a task must cite a listed duty.
        "duties.view": {Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U, Role.STREET_OFFICER: U, Role.COUNTY_REVIEWER: C,
                        Role.DEPARTMENT_CLERK: C, Role.DEPARTMENT_LEADER: C},
        "duties.propose": {Role.STREET_OFFICER: U, Role.COUNTY_REVIEWER: C},
        "duties.approve": {Role.COUNTY_REVIEWER: C},
    },
    scoped_models={DutyList: ("unit",), DutyAdjustment: ("unit",), Task: ("recipient", "issuer")},
    nav=((_("Duty lists"), "duties:index", "duties.view"),),
    nav_group="gate",
    nav_order=40,
)

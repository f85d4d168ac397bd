"""Departments paired with communities (区级部门联系社区, 包抓): the county files them and sees coverage at a glance."""

from django.utils.translation import gettext_lazy as _

from qingzhuang.components import Component, deferred
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role
from qingzhuang.pairing.models import Pairing
from qingzhuang.pairing.rules import PairingLoadRule

U, C = Reach.UNIT, Reach.COUNTY


COMPONENT = Component(
    name="pairing",
    url_prefix="pairing",
    api_prefix="pairing",
    permissions={
        # A department sees its own pairings, a community who is paired with it, the county office the whole county.
        "pairing.view": {Role.COUNTY_REVIEWER: C, Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U, Role.STREET_OFFICER: U,
                         Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U},
        "pairing.manage": {Role.COUNTY_REVIEWER: C},
    },
    scoped_models={Pairing: ("department", "community")},
    demo=deferred("qingzhuang.pairing.demo.seed"),
    board_section=deferred("qingzhuang.pairing.views.board_section"),
    nav=((_("Department–community pairing"), "pairing:index", "pairing.view"),),
    nav_group="help",
    nav_order=60,
    gate_rules=(PairingLoadRule(),),
)

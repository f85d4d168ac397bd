from qingzhuang.components import Component
from qingzhuang.gate.models import Notice, Quota
from qingzhuang.gate.quota_rule import WarningSettings
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role

U, C = Reach.UNIT, Reach.COUNTY

COMPONENT = Component(
    name="gate",
    permissions={
        "gate.view_quota": {Role.COUNTY_REVIEWER: U, Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U, Role.STREET_OFFICER: U},
        "gate.manage_quota": {Role.COUNTY_REVIEWER: U},
        "gate.override_quota": {Role.COUNTY_REVIEWER: U},
        "gate.configure_rules": {Role.COUNTY_REVIEWER: U},
        "gate.view_board": {Role.COUNTY_REVIEWER: U},
    },
    scoped_models={Quota: ("unit",), Notice: ("unit",)},
    gate_rules=(WarningSettings(),),
    nav=(),
)

from django.utils.translation import gettext_lazy as _

from qingzhuang.components import Component, deferred
from qingzhuang.ledger.models import LedgerFlow, LedgerIssuerMonth, LedgerMonth, LedgerReport
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role

U = Reach.UNIT

COMPONENT = Component(
    name="ledger",
    url_prefix="ledger",
    api_prefix="ledger",
    permissions={
        # The boards: a county office for its county, a street/town office for its communities and
        # villages, a department leader for what the department pushed down (assignments with "below").
        "ledger.view_board": {Role.COUNTY_REVIEWER: U, Role.STREET_OFFICER: U, Role.DEPARTMENT_LEADER: U},
        # A unit's own ledger page: everyone on their own unit (and the units below, if their role reaches there).
        "ledger.view_unit": dict.fromkeys(Role, U),
        # The 基层减负 reports are the county office's.
        # The "my unit's burden" menu entry, for the people who work in a community or village.
        "ledger.view_own": {Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U},
        "ledger.view_reports": {Role.COUNTY_REVIEWER: U},
        "ledger.generate_reports": {Role.COUNTY_REVIEWER: U},
    },
    # A flow belongs to both its receiving and its issuing unit.
    scoped_models={LedgerMonth: ("unit",), LedgerFlow: ("unit", "issuer"), LedgerIssuerMonth: ("issuer",), LedgerReport: ("unit",)},
    on_board_inputs_changed=deferred("qingzhuang.ledger.services.boards_stale"),
    nav_order=20,
    nav=((_("Burden ledger"), "ledger:board", "ledger.view_board"), (_("Our burden"), "ledger:mine", "ledger.view_own")),
)

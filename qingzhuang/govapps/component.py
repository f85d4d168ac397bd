"""Apps, mini-programs, public accounts and work groups imposed on grassroots units (政务应用程序, 工作群).

Rights: ``govapps.view`` reaches entries owned by the user's units or imposed on them (the county office and the
departments see the whole county's registry); ``govapps.register`` (register, impose, end a unit's requirement,
close) is checked on the owning unit; ``govapps.rectify`` (the survey's records, filing, closing, merging: 整治)
on the county office.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.components import AttentionItem, Component, deferred
from qingzhuang.govapps.models import Entry, Requirement
from qingzhuang.govapps.rules import GATE_RULES
from qingzhuang.ledger.measures import Direction, Measure, MeasureKind
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role

U, C = Reach.UNIT, Reach.COUNTY


def _attention(user):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    from qingzhuang.govapps import selectors
    from qingzhuang.org import access

    if not access.can(user, selectors.RECTIFY):
        return []
    count = selectors.banned_active(user).count()
    if not count:
        return []
    return [AttentionItem(title=str(_("Apps and groups imposing banned practices, to close or correct")), url=reverse("govapps:index") + "?banned=1",
                          count=count, level="danger")]


COMPONENT = Component(
    name="govapps",
    url_prefix="govapps",
    api_prefix="govapps",
    permissions={
        "govapps.view": {Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U, Role.STREET_OFFICER: U, Role.COUNTY_REVIEWER: C,
                         Role.DEPARTMENT_CLERK: C, Role.DEPARTMENT_LEADER: C},
        "govapps.register": {Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U, Role.STREET_OFFICER: U, Role.COUNTY_REVIEWER: U},
        "govapps.rectify": {Role.COUNTY_REVIEWER: C},
    },
    scoped_models={Entry: ("owner", "requirements__unit"), Requirement: ("unit", "entry__owner")},
    attention=_attention,
    board_section=deferred("qingzhuang.govapps.views.board_section"),
    unit_section=deferred("qingzhuang.govapps.views.unit_section"),
    demo=deferred("qingzhuang.govapps.demo.seed"),
    nav=((_("Apps and work groups"), "govapps:index", "govapps.view"),),
    nav_group="gate",
    nav_order=45,
    gate_rules=GATE_RULES,
    measures=(
        # A level: the apps and groups a unit must use at the period's end. Not weighed in the index (as signboards):
        # a standing count is not a monthly load, and the index adds loads per month.
        Measure(code="govapps.imposed", label=_("Apps and work groups imposed"), unit_label=pgettext_lazy("ledger unit", "apps and groups"),
                direction=Direction.BURDEN, weight=0.0, compute=deferred("qingzhuang.govapps.selectors.imposed_compute"),
                items=deferred("qingzhuang.govapps.selectors.imposed_items"), order=75,
                kind=MeasureKind.LEVEL),
    ),
)

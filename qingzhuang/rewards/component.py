"""Training and points (培训与积分): courses for riders and volunteers, their growth record, the community store (爱心超市)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.components import Component, deferred
from qingzhuang.ledger.measures import Direction, Measure
from qingzhuang.org.access import Reach, Scope, unit_q
from qingzhuang.org.models import Role, UnitKind
from qingzhuang.rewards.models import (
    Attendance,
    Completion,
    Course,
    Enrolment,
    Redemption,
    Session,
    StockMove,
    StoreItem,
)

U, C = Reach.UNIT, Reach.COUNTY
COMMUNITY = {Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U}


def _course_scope(scope: Scope) -> Q:
    """Staff see the courses of the units they cover, and their county office's courses (offered to every community)."""
    return unit_q(scope, "offered_by__") | Q(offered_by__kind=UnitKind.PARTY_GOV_OFFICE, offered_by__county_id=scope.county_id)


COMPONENT = Component(
    name="rewards",
    url_prefix="rewards",
    api_prefix="rewards",
    permissions={
        "rewards.view": {**COMMUNITY, Role.STREET_OFFICER: U, Role.COUNTY_REVIEWER: C},
        # The county office runs the county's courses; a community (and its street) its own.
        "rewards.train": {**COMMUNITY, Role.STREET_OFFICER: U, Role.COUNTY_REVIEWER: C},
        # The community's staff keep its store.
        "rewards.store": COMMUNITY,
        "rewards.redeem": {Role.RIDER: U, Role.VOLUNTEER: U},
    },
    scoped_models={
        Course: _course_scope,
        Session: lambda scope: Q(course__in=Course.objects.filter(_course_scope(scope))),
        Enrolment: ("rider__community",),
        Attendance: ("rider__community",),
        Completion: ("rider__community",),
        StoreItem: ("community",),
        StockMove: ("item__community",),
        Redemption: ("item__community",),
    },
    board_section=deferred("qingzhuang.rewards.views.board_section"),
    unit_section=deferred("qingzhuang.rewards.views.unit_section"),
    demo=deferred("qingzhuang.rewards.demo.seed"),
    nav=(
        (_("My growth and points"), "rewards:mine", "rewards.redeem"),
        (_("Love store (爱心超市)"), "rewards:shop", "rewards.redeem"),
        (_("Training courses"), "rewards:courses", "rewards.view"),
        (_("Riders' growth records"), "rewards:riders", "rewards.view"),
        (_("Store counter (爱心超市)"), "rewards:store", "rewards.store"),
    ),
    nav_group="forces",
    nav_order=35,
    measures=(
        # The help sign, weight 0 as the other help measures: shown beside the burden, not in the index unless a county sets
        # QZ_LEDGER_WEIGHTS["rewards.completions"].
        Measure(code="rewards.completions", label=_("Training completions of riders and volunteers (培训结业)"),
                unit_label=pgettext_lazy("ledger unit", "completions"), direction=Direction.HELP, weight=0.0,
                compute=deferred("qingzhuang.rewards.selectors.completions_compute"),
                items=deferred("qingzhuang.rewards.selectors.completions_items"), order=130),
    ),
)

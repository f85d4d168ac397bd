"""Vulnerable households and one-on-one help by riders and volunteers (一对一帮扶), with privacy by design (PIPL)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.components import AttentionItem, Component, deferred
from qingzhuang.households.models import Help, Household, Pairing
from qingzhuang.ledger.measures import Direction, Measure
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role

U, C = Reach.UNIT, Reach.COUNTY
STAFF = {Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U}


def _attention(user):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    from qingzhuang.households import selectors
    from qingzhuang.org import access

    if not access.can(user, selectors.MANAGE):
        return []
    count = selectors.helps_to_confirm(user).count()
    return [AttentionItem(title=str(_("Visits and errands for vulnerable households to confirm")), url=reverse("households:index") + "#to-confirm",
                          count=count, level="warning")] if count else []


COMPONENT = Component(
    name="households",
    url_prefix="households",
    api_prefix="households",
    permissions={
        # The list itself (names, phones, ID numbers, health) is the community's staff's alone: not the street's, not the county's.
        "households.manage": STAFF,
        # A rider or volunteer of the community: only the households paired with them (checked in the selectors).
        "households.help": {Role.RIDER: U, Role.VOLUNTEER: U},
        # Counts only (households helped, help acts): the street and the county see figures, never a household.
        "households.figures": {**STAFF, Role.STREET_OFFICER: U, Role.COUNTY_REVIEWER: C},
    },
    scoped_models={Household: ("community",), Pairing: ("household__community",), Help: ("household__community",)},
    attention=_attention,
    demo=deferred("qingzhuang.households.demo.seed"),
    board_section=deferred("qingzhuang.households.views.board_section"),
    unit_section=deferred("qingzhuang.households.views.unit_section"),
    nav=(
        (_("My paired households"), "households:mine", "households.help"),
        (_("Vulnerable households"), "households:index", "households.manage"),
    ),
    nav_group="forces",
    nav_order=35,
    measures=(
        # Help signs, weight 0 as the other help measures: shown beside the burden, not in the index.
        Measure(code="households.helped", label=_("Households helped one-on-one (distinct households with a confirmed visit or errand; "
                                                   "each counted once a year, in the month of its first)"),
                unit_label=pgettext_lazy("ledger unit", "households"), direction=Direction.HELP, weight=0.0,
                compute=deferred("qingzhuang.households.selectors.helped_compute"), items=deferred("qingzhuang.households.selectors.helped_items"),
                order=130),
        Measure(code="households.help_acts", label=_("One-on-one help given (confirmed visits and errands)"),
                unit_label=pgettext_lazy("ledger unit", "times"), direction=Direction.HELP, weight=0.0,
                compute=deferred("qingzhuang.households.selectors.acts_compute"), items=deferred("qingzhuang.households.selectors.acts_items"),
                order=131),
    ),
)

"""Riders and volunteers in community governance (新就业群体, 新渭骑士): enrolment and hazard reports (隐患上报)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qingzhuang.components import AttentionItem, Component, deferred
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role
from qingzhuang.riders.models import CommunityArea, HazardCategory, HazardReport, PointsEntry, Rider, StatusChange
from qingzhuang.riders.rules import RiderPointsRule

U, C = Reach.UNIT, Reach.COUNTY
STAFF = {Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U, Role.STREET_OFFICER: U}


def _attention(user):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    from qingzhuang.org import access
    from qingzhuang.riders import selectors

    if not access.can(user, selectors.HANDLE):
        return []
    count = selectors.reports_to_handle(user).filter(status="open").count()
    return [AttentionItem(title=str(_("Hazard reports from riders to confirm")), url=reverse("riders:reports"), count=count,
                          level="warning")] if count else []


COMPONENT = Component(
    name="riders",
    url_prefix="riders",
    permissions={
        "riders.view": {**STAFF, Role.COUNTY_REVIEWER: C},
        # Community staff enrol and manage their riders; the street office those of its communities.
        "riders.manage": STAFF,
        "riders.report": {Role.RIDER: U, Role.VOLUNTEER: U},
        "riders.handle": {**STAFF, Role.COUNTY_REVIEWER: C},
        "riders.areas": {Role.COUNTY_REVIEWER: C, Role.STREET_OFFICER: U},
        # The list of hazard categories is the county's: its office keeps it.
        "riders.categories": {Role.COUNTY_REVIEWER: C},
    },
    scoped_models={Rider: ("community",), PointsEntry: ("rider__community",), HazardCategory: lambda scope: Q(county_id=scope.county_id), StatusChange: ("rider__community",), HazardReport: ("unit",), CommunityArea: ("unit",)},
    gate_rules=(RiderPointsRule(),),
    attention=_attention,
    demo=deferred("qingzhuang.riders.demo.seed"),
    nav=(
        (_("Report a hazard"), "riders:report", "riders.report"),
        (_("My reports"), "riders:mine", "riders.report"),
        (_("Riders and volunteers"), "riders:index", "riders.view"),
        (_("Hazard reports"), "riders:reports", "riders.handle"),
        (_("Community boundaries"), "riders:areas", "riders.areas"),
        (_("Hazard categories"), "riders:categories", "riders.categories"),
    ),
    nav_group="forces",
    nav_order=30,
)

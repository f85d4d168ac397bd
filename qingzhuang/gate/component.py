from django.utils.translation import gettext_lazy as _

from qingzhuang.components import AttentionItem, Component
from qingzhuang.gate.models import Notice, Quota
from qingzhuang.gate.quota_rule import WarningSettings
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role

U, C = Reach.UNIT, Reach.COUNTY


def _notice_scope(scope):  # type: ignore[no-untyped-def]
    """A notice is addressed to one unit: it reaches the people of that unit, not everyone above it.

    A quota turning red writes one notice to the unit and one to its county office; had the office's
    people also seen the notices addressed to the units below them, each alert would show twice.
    """
    from django.db.models import Q

    return Q(unit_id=scope.unit_id)


def attention(user):  # type: ignore[no-untyped-def]
    """The user's units' unread yellow/red notices, each naming the unit and the kind."""
    from django.urls import reverse

    from qingzhuang.gate.selectors import notices_for

    rows = notices_for(user, unread_only=True, limit=6)
    return [AttentionItem(title=r.text, url=reverse("gate:notices"), level=r.notice.level) for r in rows]


COMPONENT = Component(
    name="gate",
    url_prefix="gate",
    api_prefix="gate",
    permissions={
        "gate.view_quota": {Role.COUNTY_REVIEWER: U, Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U, Role.STREET_OFFICER: U},
        "gate.manage_quota": {Role.COUNTY_REVIEWER: U},
        "gate.override_quota": {Role.COUNTY_REVIEWER: U},
        "gate.configure_rules": {Role.COUNTY_REVIEWER: U},
        "gate.view_board": {Role.COUNTY_REVIEWER: U},
    },
    scoped_models={Quota: ("unit",), Notice: _notice_scope},
    gate_rules=(WarningSettings(),),
    attention=attention,
    nav_group="gate",
    nav_order=10,
    nav=(
        (_("Red/yellow board"), "gate:board", "gate.view_board"),
        (_("Quotas"), "gate:quotas", "gate.manage_quota"),
        (_("Gate rules"), "gate:rules", "gate.configure_rules"),
    ),
)

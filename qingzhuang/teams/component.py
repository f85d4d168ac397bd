"""The four teams (四支队伍, 三联一进): rosters, people attached to communities, hours given, and help a community asks for."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.components import AttentionItem, Component, deferred
from qingzhuang.ledger.measures import Direction, Measure
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role
from qingzhuang.teams.models import Activity, Attachment, HelpRequest, Member

U, C = Reach.UNIT, Reach.COUNTY


def _attention(user):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    from qingzhuang.org import access
    from qingzhuang.teams import selectors

    items: list[AttentionItem] = []
    if access.can(user, selectors.ANSWER):
        waiting = selectors.requests_to_answer(user).count()
        if waiting:
            items.append(AttentionItem(title=str(_("Help requests from communities to answer")), url=reverse("teams:index") + "#to-answer",
                                       count=waiting, level="warning"))
    return items


COMMUNITY = (Role.COMMUNITY_SECRETARY, Role.COMMUNITY_WORKER)
UNIT_STAFF = (Role.DEPARTMENT_CLERK, Role.DEPARTMENT_LEADER, Role.STREET_OFFICER, Role.COMMUNITY_SECRETARY)

COMPONENT = Component(
    name="teams",
    url_prefix="teams",
    api_prefix="teams",
    permissions={
        # A community sees the people attached to it and its own; a unit its own people; a street the units below; the county all.
        "teams.view": {**dict.fromkeys((*COMMUNITY, *UNIT_STAFF), U), Role.COUNTY_REVIEWER: C},
        # A person's own unit keeps the roster and attaches them to communities (the county office for leading cadres).
        "teams.manage": {**dict.fromkeys(UNIT_STAFF, U), Role.COUNTY_REVIEWER: C},
        # Activities are entered by the community's staff, or by the person's unit for its own people.
        "teams.record": {**dict.fromkeys((*COMMUNITY, *UNIT_STAFF), U), Role.COUNTY_REVIEWER: C},
        # A community or village asks the people it can call on.
        "teams.ask": dict.fromkeys(COMMUNITY, U),
        # The person's unit accepts or declines.
        "teams.answer": {**dict.fromkeys(UNIT_STAFF, U), Role.COUNTY_REVIEWER: C},
    },
    scoped_models={
        Member: ("unit", "attachments__community"),
        Attachment: ("member__unit", "community"),
        Activity: ("community", "participants__unit"),
        HelpRequest: ("community", "member__unit"),
    },
    attention=_attention,
    board_section=deferred("qingzhuang.teams.views.board_section"),
    unit_section=deferred("qingzhuang.teams.views.unit_section"),
    demo=deferred("qingzhuang.teams.demo.seed"),
    nav=((_("Four teams"), "teams:index", "teams.view"),),
    nav_group="help",
    nav_order=62,
    measures=(
        # The help sign. Weight 0 by default, as the other help measures: the hours are shown beside the burden, and a county
        # that wants them to lighten the 小马拉大车 index sets QZ_LEDGER_WEIGHTS["teams.hours"] (the demo figures stay as they are).
        Measure(code="teams.hours", label=_("Hours given by the four teams (志愿服务/干部下沉)"), unit_label=pgettext_lazy("ledger unit", "hours"),
                direction=Direction.HELP, weight=0.0, compute=deferred("qingzhuang.teams.selectors.hours_compute"),
                items=deferred("qingzhuang.teams.selectors.hours_items"), order=120, decimals=1),
    ),
)

"""The meetings component (会议, 减会).

Rights: ``meetings.view`` reaches meetings whose organiser *or* one of whose summoned units is in
the user's scope (``scoped_models``); ``meetings.organise`` and ``meetings.review`` are checked on
the organising unit (see ``selectors.meeting_for``), so a summoned unit never edits a meeting.
A street officer organises too: town offices summon their communities and villages.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.components import AttentionItem, Component, deferred
from qingzhuang.ledger.measures import Direction, Measure
from qingzhuang.meetings import ledger
from qingzhuang.meetings.models import FeedToken, Meeting, MeetingPlan
from qingzhuang.meetings.rules import GATE_RULES
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role

U = Reach.UNIT


def _held_count(organisers, start, end):  # type: ignore[no-untyped-def]
    from qingzhuang.meetings.selectors import held_count

    return held_count(organisers=organisers, start=start, end=end)


def _attention(user):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    from qingzhuang.meetings import selectors

    items = []
    waiting = selectors.review_queue(user).count()
    if waiting:
        items.append(AttentionItem(title=str(_("Meetings awaiting your review")), url=reverse("meetings:review_queue"), count=waiting, level="warning"))
    to_close = selectors.meetings_to_close(user).count()
    if to_close:
        items.append(AttentionItem(title=str(_("Meetings held but not yet closed")), url=reverse("meetings:list") + "?status=approved", count=to_close))
    returned = selectors.meetings_returned(user).count()
    if returned:
        items.append(AttentionItem(title=str(_("Meetings returned to you")), url=reverse("meetings:list") + "?status=returned", count=returned, level="warning"))
    return items


COMPONENT = Component(
    name="meetings",
    url_prefix="meetings",
    api_prefix="meetings",
    permissions={
        "meetings.view": {
            Role.COUNTY_REVIEWER: U,
            Role.DEPARTMENT_CLERK: U,
            Role.DEPARTMENT_LEADER: U,
            Role.STREET_OFFICER: U,
            Role.COMMUNITY_SECRETARY: U,
            Role.COMMUNITY_WORKER: U,
        },
        "meetings.organise": {Role.COUNTY_REVIEWER: U, Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U, Role.STREET_OFFICER: U},
        "meetings.review": {Role.COUNTY_REVIEWER: U},
    },
    scoped_models={Meeting: ("organiser", "attendees"), MeetingPlan: ("unit",), FeedToken: ("unit",)},
    gate_rules=GATE_RULES,
    measures=(
        Measure(
            code=ledger.ATTENDED,
            label=_("Meetings attended"),
            unit_label=pgettext_lazy("ledger unit", "meetings"),
            direction=Direction.BURDEN,
            weight=1.0,
            compute=ledger.compute_attended,
            items=ledger.items_attended,
            order=20,
            count_items=_held_count,
            items_label=_("Meetings held"),
        ),
        Measure(
            code=ledger.HOURS,
            label=_("Meeting hours"),
            unit_label=_("person-hours"),
            direction=Direction.BURDEN,
            weight=0.5,
            compute=ledger.compute_hours,
            items=ledger.items_hours,
            order=21,
            decimals=1,
        ),
        Measure(
            code=ledger.OVER_AN_HOUR,
            label=_("Meetings over an hour"),
            unit_label=pgettext_lazy("ledger unit", "meetings"),
            direction=Direction.BURDEN,
            weight=0.0,
            compute=ledger.compute_over_an_hour,
            items=ledger.items_over_an_hour,
            order=22,
        ),
    ),
    demo=deferred("qingzhuang.meetings.demo.seed"),
    attention=_attention,
    nav_group="gate",
    nav_order=10,
    nav=((_("Meetings"), "meetings:list", "meetings.view"),),
)

"""The community's voice (基层反映): a community or village signs for (签收) what it received and reports a burden
problem on it to the county office, which answers. Reports count on the ledger boards (``feedback.reports``)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.components import AttentionItem, Component, deferred
from qingzhuang.feedback.models import Receipt, Report
from qingzhuang.ledger.measures import Direction, Measure
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role

U, C = Reach.UNIT, Reach.COUNTY


def _attention(user):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    from qingzhuang.feedback import selectors
    from qingzhuang.feedback.models import ReportStatus

    items = []
    for unit in selectors.grassroots_units(user)[:3]:
        unsigned = selectors.unsigned_count(user=user, unit=unit)
        if unsigned:
            items.append(AttentionItem(title=str(_("%(unit)s: items to sign for") % {"unit": unit.name}),
                                       url=reverse("feedback:home") + f"?unit={unit.pk}", count=unsigned, level="warning"))
    answered = selectors.reports_visible(user).filter(unit__in=selectors.grassroots_units(user)).exclude(status=ReportStatus.OPEN)
    if answered.exists():
        items.append(AttentionItem(title=str(_("The county office answered your reports")), url=reverse("feedback:home"), count=answered.count()))
    waiting = selectors.reports_to_answer(user).count()
    if waiting:
        items.append(AttentionItem(title=str(_("Burden reports from the grassroots to answer")), url=reverse("feedback:reports"), count=waiting, level="warning"))
    return items


COMPONENT = Component(
    name="feedback",
    url_prefix="feedback",
    api_prefix="feedback",
    permissions={
        "feedback.view": {Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U, Role.STREET_OFFICER: U, Role.COUNTY_REVIEWER: C},
        "feedback.sign": {Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U},
        "feedback.report": {Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U},
        "feedback.answer": {Role.COUNTY_REVIEWER: C},
    },
    scoped_models={Receipt: ("unit",), Report: ("unit",)},
    attention=_attention,
    demo=deferred("qingzhuang.feedback.demo.seed"),
    nav=(
        (_("Received: sign and report"), "feedback:home", "feedback.sign"),
        (_("Grassroots reports"), "feedback:reports", "feedback.view"),
    ),
    nav_order=30,
    measures=(
        Measure(
            code="feedback.reports",
            label=_("Burden problems reported by the grassroots"),
            unit_label=pgettext_lazy("ledger unit", "reports"),
            direction=Direction.BURDEN,
            # A signal, not a load: it does not weigh in the 小马拉大车 index.
            weight=0.0,
            compute=deferred("qingzhuang.feedback.selectors.reports_compute"),
            items=deferred("qingzhuang.feedback.selectors.report_items"),
            order=90,
        ),
    ),
)

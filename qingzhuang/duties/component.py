"""Duty lists (履职事项清单), tasks pushed down with their entry approval (准入), and signboards (挂牌)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.components import AttentionItem, Component, deferred
from qingzhuang.duties.models import DutyAdjustment, DutyList, Signboard, Task
from qingzhuang.duties.rules import SignboardAllowedRule, TaskBasisRule, TaskTracesRule
from qingzhuang.ledger.measures import Direction, Measure, MeasureKind
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role

U, C = Reach.UNIT, Reach.COUNTY


def _attention(user):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    from qingzhuang.duties import selectors
    from qingzhuang.duties.models import Basis, TaskStatus
    from qingzhuang.org import access

    items = []
    if access.can(user, selectors.REFUSE):
        open_tasks = access.scoped_queryset(user, selectors.REFUSE, Task.objects.all()).filter(
            basis=Basis.NONE, status__in=(TaskStatus.UNADMITTED, TaskStatus.APPLIED, TaskStatus.REVOKED))
        count = open_tasks.count()
        if count:
            items.append(AttentionItem(title=str(_("Tasks received without a basis (not listed, not admitted)")), url=reverse("duties:tasks"),
                                       count=count, level="warning"))
    queue = selectors.entry_queue(user).count() if access.can(user, selectors.REVIEW) else 0
    if queue:
        items.append(AttentionItem(title=str(_("Entry applications (准入) to decide")), url=reverse("duties:entry"), count=queue, level="warning"))
    excess = selectors.excess_for(user).count() if access.can(user, selectors.VIEW) else 0
    if excess:
        items.append(AttentionItem(title=str(_("Excess signboards (outside the allowed list) to take down")), url=reverse("duties:signboards") + "?excess=1",
                                   count=excess, level="danger"))
    requests = access.scoped_queryset(user, selectors.SIGN_DECIDE, Signboard.objects.filter(status="requested")).count() if access.can(user, selectors.SIGN_DECIDE) else 0
    if requests:
        items.append(AttentionItem(title=str(_("Requests to hang a signboard to decide")), url=reverse("duties:signboards"), count=requests))
    pending = selectors.adjustments_to_decide(user).count() if access.can(user, selectors.APPROVE) else 0
    if pending:
        items.append(AttentionItem(title=str(_("Duty list adjustments to approve")), url=reverse("duties:adjustments"), count=pending))
    return items


COMPONENT = Component(
    name="duties",
    url_prefix="duties",
    api_prefix="duties",
    permissions={
        # Departments read every list of their county: a task must cite a listed duty.
        "duties.view": {Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U, Role.STREET_OFFICER: U, Role.COUNTY_REVIEWER: C,
                        Role.DEPARTMENT_CLERK: C, Role.DEPARTMENT_LEADER: C},
        "duties.propose": {Role.STREET_OFFICER: U, Role.COUNTY_REVIEWER: C},
        "duties.approve": {Role.COUNTY_REVIEWER: C},
        # Departments and town/street offices push tasks down for their own unit.
        "duties.task_send": {Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U, Role.STREET_OFFICER: U},
        "duties.task_refuse": {Role.COMMUNITY_SECRETARY: U, Role.STREET_OFFICER: U},
        # The county's 准入 office: the county party/government office.
        "duties.entry_review": {Role.COUNTY_REVIEWER: C},
        # Signboards: the inventory is kept by the community or village, its street/town office and the county office.
        "duties.signboard_record": {Role.COMMUNITY_SECRETARY: U, Role.STREET_OFFICER: U, Role.COUNTY_REVIEWER: C},
        "duties.signboard_request": {Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U},
        "duties.signboard_decide": {Role.COUNTY_REVIEWER: C},
    },
    scoped_models={DutyList: ("unit",), DutyAdjustment: ("unit",), Task: ("recipient", "issuer"), Signboard: ("unit", "issuer")},
    attention=_attention,
    unit_section=deferred("qingzhuang.duties.views.unit_section"),
    demo=deferred("qingzhuang.duties.demo.seed"),
    nav=(
        (_("Duty lists"), "duties:index", "duties.view"),
        (_("Tasks and entry approval"), "duties:tasks", "duties.view"),
        (_("Signboards"), "duties:signboards", "duties.view"),
    ),
    nav_group="gate",
    nav_order=40,
    gate_rules=(TaskBasisRule(), TaskTracesRule(), SignboardAllowedRule()),
    measures=(
        Measure(code="duties.tasks_with_basis", label=_("Tasks received with a basis (listed or admitted)"),
                unit_label=pgettext_lazy("ledger unit", "tasks"), direction=Direction.BURDEN, weight=0.5,
                compute=deferred("qingzhuang.duties.selectors.tasks_with_basis_compute"),
                items=deferred("qingzhuang.duties.selectors.tasks_with_basis_items"), order=60),
        Measure(code="duties.tasks_without_basis", label=_("Tasks received without a basis"),
                unit_label=pgettext_lazy("ledger unit", "tasks"), direction=Direction.BURDEN, weight=1.0,
                compute=deferred("qingzhuang.duties.selectors.tasks_without_basis_compute"),
                items=deferred("qingzhuang.duties.selectors.tasks_without_basis_items"), order=61),
        # A signal of the unit's voice, not a load: it does not weigh in the index.
        Measure(code="duties.tasks_refused", label=_("Tasks refused by the grassroots"),
                unit_label=pgettext_lazy("ledger unit", "tasks"), direction=Direction.BURDEN, weight=0.0,
                compute=deferred("qingzhuang.duties.selectors.refusals_compute"),
                items=deferred("qingzhuang.duties.selectors.refusals_items"), order=62),
        # Levels: the plaques standing at the end of the period (the latest value on or before it), not a sum.
        Measure(code="duties.signboards_hung", label=_("Signboards hung"), unit_label=pgettext_lazy("ledger unit", "plaques"),
                direction=Direction.BURDEN, weight=0.0, compute=deferred("qingzhuang.duties.selectors.signboards_hung_compute"),
                items=deferred("qingzhuang.duties.selectors.signboards_hung_items"),
                order=70, kind=MeasureKind.LEVEL),
        Measure(code="duties.signboards_excess", label=_("Excess signboards (outside the allowed list)"),
                unit_label=pgettext_lazy("ledger unit", "plaques"), direction=Direction.BURDEN, weight=0.0,
                compute=deferred("qingzhuang.duties.selectors.signboards_excess_compute"),
                items=deferred("qingzhuang.duties.selectors.signboards_excess_items"), order=71, kind=MeasureKind.LEVEL),
        Measure(code="duties.signboards_removed", label=_("Signboards removed (多余牌子被摘下)"), unit_label=pgettext_lazy("ledger unit", "plaques"),
                direction=Direction.HELP, weight=0.0, compute=deferred("qingzhuang.duties.selectors.signboards_removed_compute"),
                items=deferred("qingzhuang.duties.selectors.signboards_removed_items"),
                order=72),
    ),
)

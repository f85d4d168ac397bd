"""A task pushed down passes the gate: citing a listed duty it goes down with that basis, citing an item taken back it
is refused, citing nothing it needs entry approval (apply → review → admit or refuse → revoke, deadlines in working
days) and the community may refuse it in one step; each counts on the ledger."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.audit.models import Event
from qingzhuang.duties import selectors, services
from qingzhuang.duties.errors import DutyError
from qingzhuang.duties.models import Basis, DutyItem, Task, TaskStatus
from qingzhuang.duties.testing import approved_list
from qingzhuang.gate.models import GateCheck
from qingzhuang.ledger.measures import measure_by_code
from qingzhuang.ledger.models import LedgerMonth
from qingzhuang.ledger.rebuild import ledger_rebuild

pytestmark = pytest.mark.django_db
CODES = ("duties.tasks_with_basis", "duties.tasks_without_basis", "duties.tasks_refused")


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-09-28"


def ledger():
    return {code: sorted(LedgerMonth.objects.filter(measure=code).values_list("unit_id", "month", "value")) for code in CODES}


def state():
    return Task.objects.count(), list(Task.objects.values_list("status", "basis")), Event.objects.count(), ledger()


def send(world, **changes):
    values = {"actor": world.clerk, "issuer": world.civil_affairs, "recipient": world.xincheng, "title": "报送辖区老年人养老服务需求台账",
              "content": "请于国庆节后报送辖区60岁以上老年人养老服务需求摸底台账。", "due_on": dt.date(2026, 11, 20), "effort_hours": 16}
    return services.task_send(**{**values, **changes})


def item(title):
    return DutyItem.objects.get(title=title)


def test_a_task_citing_a_listed_duty_goes_down_with_that_basis(world):
    approved_list(world)

    task = send(world, cited_item_id=item("开展社区养老服务需求摸底和台账登记").pk)

    assert (task.status, task.basis) == (TaskStatus.ACTIVE, Basis.LISTED)
    assert GateCheck.objects.get(item_type="duties.task", item_id=task.pk).outcome == "pass"
    assert ledger()["duties.tasks_with_basis"] == [(world.xincheng.pk, dt.date(2026, 9, 1), 1.0)]
    assert Event.objects.filter(model="duties.task", action="create", unit=world.xincheng).exists()


def test_a_task_citing_an_item_taken_back_is_refused_and_nothing_is_written(world):
    approved_list(world)
    before = state()

    with pytest.raises(DutyError) as caught:
        send(world, cited_item_id=item("开具居住证明以外的各类证明").pk)

    assert caught.value.code == "taken_back" and "镇安县民政局" in caught.value.message
    assert state() == before and not GateCheck.objects.filter(item_type="duties.task").exists()


def test_a_task_citing_nothing_is_refused_by_the_community_in_one_step_and_the_refusal_counts(world):
    approved_list(world)
    task = send(world)
    assert (task.status, task.basis) == (TaskStatus.UNADMITTED, Basis.NONE)

    refused = services.task_refuse(actor=world.secretary, task=task, reason="不在社区履职事项清单内，且未经准入。")

    assert refused.status == TaskStatus.REFUSED and refused.refused_on == dt.date(2026, 9, 28)
    assert ledger()["duties.tasks_refused"] == [(world.xincheng.pk, dt.date(2026, 9, 1), 1.0)]
    assert ledger()["duties.tasks_without_basis"] == [(world.xincheng.pk, dt.date(2026, 9, 1), 1.0)]
    with pytest.raises(DutyError):
        services.task_refuse(actor=world.secretary, task=refused, reason="再次拒绝")


def test_a_listed_task_cannot_be_refused(world):
    approved_list(world)
    task = send(world, cited_item_id=item("组织居民开展自治活动").pk)
    before = state()

    with pytest.raises(DutyError) as caught:
        services.task_refuse(actor=world.secretary, task=task, reason="不想做")

    assert caught.value.code == "not_refusable" and state() == before


def test_entry_is_decided_within_15_working_days_across_national_day_and_the_tiaoxiu_saturday_then_admitted_and_revoked(world):
    task = send(world, application="养老服务需求摸底需社区入户核实，民政局无力单独完成。")
    assert task.status == TaskStatus.APPLIED
    # 9-29, 9-30, (10-1…10-7 National Day), 10-8, 10-9, Saturday 10-10 worked (调休), 10-12…10-23.
    assert task.decision_due == dt.date(2026, 10, 23)

    admitted = services.entry_decide(actor=world.reviewer, task=task, admit=True, note="确需社区配合，准予进入。")

    assert (admitted.status, admitted.basis) == (TaskStatus.ACTIVE, Basis.ADMITTED)
    assert ledger()["duties.tasks_with_basis"] == [(world.xincheng.pk, dt.date(2026, 9, 1), 1.0)]
    assert ledger()["duties.tasks_without_basis"] == [(world.xincheng.pk, dt.date(2026, 9, 1), 0.0)]

    revoked = services.entry_revoke(actor=world.reviewer, task=admitted, reason="部门已自行完成摸底。")

    assert (revoked.status, revoked.basis) == (TaskStatus.REVOKED, Basis.NONE)
    assert services.task_refuse(actor=world.secretary, task=revoked, reason="准入已撤销").status == TaskStatus.REFUSED


def test_the_county_office_may_refuse_entry_with_a_reason(world):
    task = send(world, application="需要社区配合。")

    with pytest.raises(DutyError):
        services.entry_decide(actor=world.reviewer, task=task, admit=False, note="\u3000")
    refused = services.entry_decide(actor=world.reviewer, task=task, admit=False, note="属于民政局本部门职责，不得转嫁社区。")

    assert refused.status == TaskStatus.ENTRY_REFUSED and refused.basis == Basis.NONE


def test_the_ledger_rebuilt_from_raw_records_matches_what_the_services_kept(world):
    approved_list(world)
    send(world, cited_item_id=item("组织居民开展自治活动").pk)
    services.task_refuse(actor=world.secretary, task=send(world), reason="清单外")
    admitted = send(world, application="需要社区配合。")
    services.entry_decide(actor=world.reviewer, task=admitted, admit=True)
    kept = {code: [(u, m, v) for u, m, v in rows if v] for code, rows in ledger().items()}

    ledger_rebuild(measures=[measure_by_code(c) for c in CODES], first_year=2026, last_year=2026)

    assert ledger() == kept
    assert kept["duties.tasks_with_basis"][0][2] == 2.0 and kept["duties.tasks_without_basis"][0][2] == 1.0


@pytest.mark.parametrize("who", ["secretary", "worker", "outsider", "leader_of_other"])
def test_only_the_issuers_own_staff_send_its_tasks(world, who):
    actor = world.outsider if who == "leader_of_other" else getattr(world, who)
    before = state()

    with pytest.raises(PermissionDenied):
        send(world, actor=actor)

    assert state() == before


def test_no_one_but_the_county_office_decides_entry_and_no_one_but_the_unit_refuses(world):
    task = send(world, application="需要社区配合。")
    before = state()

    for who in ("clerk", "secretary", "street_officer", "outsider"):
        with pytest.raises(PermissionDenied):
            services.entry_decide(actor=getattr(world, who), task=task, admit=True)
    for who in ("clerk", "reviewer", "outsider"):
        with pytest.raises(PermissionDenied):
            services.task_refuse(actor=getattr(world, who), task=task, reason="拒绝")

    assert state() == before


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"title": "\u3000\u00a0\u200b"}, "required"),
        ({"title": "任务\x00"}, "unstorable"),
        ({"content": "任务\ud800"}, "unstorable"),
        ({"content": "任" * 100_000}, "too_long"),
        ({"effort_hours": 10**23}, "out_of_range"),
        ({"effort_hours": -5}, "out_of_range"),
        ({"effort_hours": "三天"}, "not_a_number"),
        ({"due_on": dt.date(2026, 9, 27)}, "due_before_sent"),
        ({"due_on": "明天"}, "date_invalid"),
        ({"cited_item_id": 10**23}, "not_listed"),
        ({"cited_item_id": -5}, "not_listed"),
        ({"recipient_is_beilin": True}, "outside_county"),
        ({"recipient_is_department": True}, "not_grassroots"),
    ],
)
def test_a_bad_task_is_refused_with_a_clear_message_and_nothing_is_written(world, changes, code):
    approved_list(world)
    if changes.pop("recipient_is_beilin", False):
        changes["recipient"] = world.caochangpo
    if changes.pop("recipient_is_department", False):
        changes["recipient"] = world.education
    before = state()

    with pytest.raises(DutyError) as caught:
        send(world, **changes)

    assert caught.value.code == code and caught.value.message
    assert state() == before


def test_the_reviewer_sees_the_departments_own_duty_the_task_passes_down(world):
    approved_list(world, items=[("basic", "组织居民开展自治活动", None, ""),
                                ("taken_back", "城乡居民最低生活保障对象入户核查", "civil_affairs", "由民政局负责")])
    task = send(world, title="开展低保对象入户核查", content="请社区对辖区最低生活保障对象逐户入户核查并报送核查表。", application="需要社区配合。")

    matches = selectors.issuer_own_duties(task, dt.date(2026, 9, 28))

    assert [m.item.title for m in matches] == ["城乡居民最低生活保障对象入户核查"] and matches[0].unit == world.xincheng

"""The county office asks for a balanced proposal: every community covered, the load spread by a weight, kept pairings
respected; the preview writes nothing, and filing writes the rows a person kept at once with audit, or nothing."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections

from qingzhuang.audit.models import Event
from qingzhuang.pairing import proposal, selectors, services
from qingzhuang.pairing.errors import PairingError
from qingzhuang.pairing.models import Pairing

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 6, 1)


def state():
    return list(Pairing.objects.order_by("id").values_list("department_id", "community_id", "valid_from", "valid_to", "leader")), Event.objects.count()


def _data(plan, **leaders):
    return [{"community": r.community.pk, "department": r.department.pk, "before": [u.pk for u in r.before], "leader": r.leader or "王局长"}
            for r in plan.rows]


def test_the_preview_covers_every_community_spreads_them_and_writes_nothing(world):
    before = state()

    plan = proposal.propose(world.zhenan, DAY, proposal.RESIDENTS)

    assert {r.community for r in plan.rows} == {world.xincheng, world.changfa}
    assert {r.department for r in plan.rows} == {world.civil_affairs, world.education}
    assert (plan.covered_before, plan.covered_after, plan.communities, plan.new_rows) == (0, 2, 2, 2)
    assert [x.after for x in plan.loads] == [8895, 8895] and plan.ratio_after == 1.0 and plan.ratio_before is None
    assert state() == before


def test_filing_the_proposal_covers_every_community_with_audit(world):
    plan = proposal.propose(world.zhenan, DAY, proposal.EQUAL)
    events = Event.objects.count()

    filed, _reports = services.proposal_file(actor=world.reviewer, county=world.zhenan, data=_data(plan), valid_from=DAY)

    assert len(filed) == 2 and Event.objects.count() == events + 2
    cover = selectors.coverage(world.zhenan, DAY)
    assert (cover.covered, cover.communities, cover.uncovered) == (2, 2, [])


def test_a_kept_pairing_stays_and_its_load_counts(world):
    services.pairing_file(actor=None, department=world.civil_affairs, community=world.xincheng, leader="王局长", valid_from=dt.date(2025, 1, 1))

    plan = proposal.propose(world.zhenan, DAY, proposal.RESIDENTS)

    assert [(r.community, r.department, r.is_new) for r in plan.rows] == [(world.changfa, world.education, True)]


def test_an_unkept_pairing_moves_its_old_one_ending_the_day_before(world):
    first, _ = services.pairing_file(actor=None, department=world.civil_affairs, community=world.xincheng, leader="王局长", valid_from=dt.date(2025, 1, 1))
    moved, _ = services.pairing_file(actor=None, department=world.civil_affairs, community=world.changfa, leader="王局长", valid_from=dt.date(2025, 1, 1))

    plan = proposal.propose(world.zhenan, DAY, proposal.RESIDENTS, kept_ids={first.pk})
    assert [(r.community, r.department, r.before) for r in plan.rows] == [(world.changfa, world.education, (world.civil_affairs,))]
    assert plan.ratio_before is None and plan.ratio_after == 1.0
    services.proposal_file(actor=world.reviewer, county=world.zhenan, data=_data(plan), valid_from=DAY)

    moved.refresh_from_db()
    assert moved.valid_to == DAY - dt.timedelta(days=1)
    assert selectors.departments_for(world.changfa, DAY) == [world.education]
    assert selectors.departments_for(world.xincheng, DAY) == [world.civil_affairs]


def test_a_dropped_row_is_not_filed_and_a_moved_row_files_the_chosen_department(world):
    plan = proposal.propose(world.zhenan, DAY, proposal.RESIDENTS)
    data = _data(plan)
    kept = [dict(data[0], department=world.education.pk)]

    services.proposal_file(actor=world.reviewer, county=world.zhenan, data=kept, valid_from=DAY)

    assert list(Pairing.objects.values_list("department_id", "community_id")) == [(world.education.pk, data[0]["community"])]


def test_weights_by_open_cases_read_the_cases_and_change_nothing_there(world):
    from qingzhuang.cases.models import Case
    from qingzhuang.cases.services import case_raise

    services.pairing_file(actor=None, department=world.civil_affairs, community=world.xincheng, leader="王局长", valid_from=dt.date(2024, 1, 1))
    case_raise(actor=None, community=world.xincheng, title="楼道照明损坏", description="三栋楼道灯不亮。", category="infrastructure",
               urgency="general", beyond_power=True)
    cases = list(Case.objects.values_list("id", "status"))

    weights = proposal.weights_of(world.zhenan, DAY, proposal.OPEN_CASES, [world.xincheng, world.changfa])

    assert weights == {world.xincheng.pk: 1, world.changfa.pk: 0}
    assert list(Case.objects.values_list("id", "status")) == cases


def test_a_proposal_shown_before_someone_else_filed_is_refused_whole(world):
    plan = proposal.propose(world.zhenan, DAY, proposal.RESIDENTS)
    services.pairing_file(actor=world.reviewer, department=world.education, community=world.changfa, leader="赵局长", valid_from=DAY)
    before = state()

    with pytest.raises(PairingError) as caught:
        services.proposal_file(actor=world.reviewer, county=world.zhenan, data=_data(plan), valid_from=DAY)

    assert caught.value.code == "proposal_stale" and "长发村" in caught.value.message
    assert state() == before


HOSTILE_LEADERS = ["", "\u3000\u3000", "\u00a0", "\u200b", "a\x00b", "x\ud800y", "字" * 100_000]
HOSTILE_IDS = ["10" + "0" * 23, "-5", "abc", "", "\u3000", None, 1.5, True, "1\x00"]


@pytest.mark.parametrize("leader", HOSTILE_LEADERS)
def test_a_hostile_leader_is_refused_in_words_and_nothing_is_written(world, leader):
    data = _data(proposal.propose(world.zhenan, DAY, proposal.RESIDENTS))
    data[-1]["leader"] = leader
    before = state()

    with pytest.raises(PairingError) as caught:
        services.proposal_file(actor=world.reviewer, county=world.zhenan, data=data, valid_from=DAY)

    assert caught.value.message.startswith("第2行") and "Error" not in caught.value.message
    assert state() == before


@pytest.mark.parametrize("value", HOSTILE_IDS)
@pytest.mark.parametrize("key", ["community", "department"])
def test_a_hostile_unit_is_refused_and_nothing_is_written(world, key, value):
    data = _data(proposal.propose(world.zhenan, DAY, proposal.RESIDENTS))
    data[0][key] = value
    before = state()

    with pytest.raises(PairingError) as caught:
        services.proposal_file(actor=world.reviewer, county=world.zhenan, data=data, valid_from=DAY)

    assert caught.value.code == "proposal_row_invalid" and "第1行" in caught.value.message
    assert state() == before


def test_another_countys_community_empty_twice_and_too_many_rows_are_refused(world):
    data = _data(proposal.propose(world.zhenan, DAY, proposal.RESIDENTS))
    before = state()
    cases = [
        ([dict(data[0], community=world.caochangpo.pk)], "proposal_row_invalid"),
        ([], "proposal_empty"),
        ([data[0], data[0]], "proposal_row_twice"),
        ([data[0]] * (services.MAX_PROPOSAL_ROWS + 1), "proposal_too_many"),
    ]
    for rows, code in cases:
        with pytest.raises(PairingError) as caught:
            services.proposal_file(actor=world.reviewer, county=world.zhenan, data=rows, valid_from=DAY)
        assert caught.value.code == code
    for day in ("2026-06-01", None, dt.date(1900, 1, 1), dt.date(2100, 1, 1)):
        with pytest.raises(PairingError):
            services.proposal_file(actor=world.reviewer, county=world.zhenan, data=data, valid_from=day)
    assert state() == before


@pytest.mark.parametrize("who", ["outsider", "clerk", "secretary", "street_officer"])
def test_only_the_countys_office_files_a_proposal(world, who):
    data = _data(proposal.propose(world.zhenan, DAY, proposal.RESIDENTS))
    before = state()

    with pytest.raises(PermissionDenied):
        services.proposal_file(actor=getattr(world, who), county=world.zhenan, data=data, valid_from=DAY)

    assert state() == before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_offices_filing_at_once_never_pair_a_community_twice(world):
    if connection.vendor != "postgresql":
        pytest.skip("the filing race needs PostgreSQL row locks (SQLite serialises every writer); run with DATABASE_URL=postgres://…")
    plan = proposal.propose(world.zhenan, DAY, proposal.RESIDENTS)
    one = _data(plan)
    other = [dict(r, department=world.education.pk if r["department"] == world.civil_affairs.pk else world.civil_affairs.pk) for r in one]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def file(data):
        try:
            barrier.wait()
            services.proposal_file(actor=world.reviewer, county=world.zhenan, data=data, valid_from=DAY)
            outcomes.append("filed")
        except PairingError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=file, args=(d,)) for d in (one, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(outcomes) == ["filed", "proposal_stale"]
    assert Pairing.objects.count() == 2
    assert sorted(Pairing.objects.values_list("community_id", flat=True)) == sorted([world.xincheng.pk, world.changfa.pk])


def _form(plan, drop=()):
    form = {"county": plan.county.pk, "weight": plan.weight_by, "valid_from": plan.day.isoformat(), "row": [r.community.pk for r in plan.rows]}
    for r in plan.rows:
        form.update({f"department-{r.community.pk}": r.department.pk, f"before-{r.community.pk}": r.before_ids, f"leader-{r.community.pk}": "王局长"})
        if r.community not in drop:
            form[f"take-{r.community.pk}"] = "1"
    return form


def test_the_page_previews_checks_and_files_the_ticked_rows(client, world, settings):
    settings.QZ_TODAY = DAY.isoformat()
    client.force_login(world.reviewer)
    before = state()

    shown = client.get(f"/pairing/proposal/?county={world.zhenan.pk}&weight=residents")
    plan = proposal.propose(world.zhenan, DAY, proposal.RESIDENTS)
    checked = client.post("/pairing/proposal/", {**_form(plan, drop=[world.changfa]), "action": "check"})
    assert (shown.status_code, checked.status_code) == (200, 200)
    assert "均衡结对方案" in shown.content.decode() and state() == before
    filed = client.post("/pairing/proposal/", {**_form(plan, drop=[world.changfa]), "action": "file"})

    assert filed.status_code == 302
    assert list(Pairing.objects.values_list("community_id", flat=True)) == [world.xincheng.pk]


def test_the_page_refuses_a_hostile_form_in_words_and_others_are_turned_away(client, world, settings):
    settings.QZ_TODAY = DAY.isoformat()
    plan = proposal.propose(world.zhenan, DAY, proposal.RESIDENTS)
    form = {**_form(plan), "action": "file", f"leader-{world.xincheng.pk}": "\u3000", "valid_from": "2026-13-45"}
    client.force_login(world.reviewer)
    before = state()

    bad_day = client.post("/pairing/proposal/", form)
    bad_leader = client.post("/pairing/proposal/", {**form, "valid_from": DAY.isoformat()})
    client.force_login(world.clerk)
    denied = client.get("/pairing/proposal/")

    assert (bad_day.status_code, bad_leader.status_code, denied.status_code) == (400, 400, 403)
    assert "包抓领导" in bad_leader.content.decode()
    assert state() == before

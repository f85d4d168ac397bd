"""A community sees the people attached to it and asks one of them for help; the person's unit accepts or declines.
Activities count their hours as help in the ledger; every change is audited; another county sees and does nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.audit.models import Event
from qingzhuang.ledger.models import LedgerMonth
from qingzhuang.teams import selectors, services
from qingzhuang.teams.errors import TeamsError
from qingzhuang.teams.models import Activity, Attachment, HelpRequest, HelpStatus, Member
from qingzhuang.teams.testing import cadre

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def state():
    return (list(Member.objects.values_list("name", "team")), list(Attachment.objects.values_list("member_id", "community_id", "since")),
            list(Activity.objects.values_list("title", "hours")), list(HelpRequest.objects.values_list("status", "answer")), Event.objects.count())


def test_the_secretary_sees_whom_she_can_call_on_with_the_phone_and_the_county_sees_it_masked(world):
    member = cadre(world)

    assert list(selectors.callable_for(world.xincheng, dt.date(2026, 11, 27))) == [member]
    assert selectors.contact_shown(world.secretary, [member], dt.date(2026, 11, 27)) == {member.pk: "13912340001"}
    assert selectors.contact_shown(world.reviewer, [member], dt.date(2026, 11, 27)) == {member.pk: "139****0001"}
    assert selectors.contact_shown(world.street_officer, [member], dt.date(2026, 11, 27)) == {member.pk: "139****0001"}
    assert list(selectors.callable_for(world.xincheng, dt.date(2025, 12, 31))) == []


def _case(world, community):
    from qingzhuang.cases.services import case_raise
    from qingzhuang.pairing.services import pairing_file

    pairing_file(actor=None, department=world.civil_affairs, community=community, leader="王局长", cadres="李四", valid_from=dt.date(2024, 1, 1))
    return case_raise(actor=None, community=community, title="困难家庭临时救助", description="三户困难家庭申请临时救助。", category="infrastructure",
                      urgency="general", beyond_power=True)


def test_a_help_request_on_the_communitys_case_is_accepted_by_the_persons_unit_and_audited(world):
    member = cadre(world)
    case = _case(world, world.xincheng)
    events = Event.objects.count()

    asked = services.help_ask(actor=world.secretary, community=world.xincheng, member=member, what="困难家庭临时救助上门核实",
                              needed_on=dt.date(2026, 12, 3), case_ref=str(case.pk))
    answered = services.help_answer(actor=world.clerk, request=asked, accept=True)

    assert (answered.status, answered.case, answered.answered_by) == (HelpStatus.ACCEPTED, case, world.clerk)
    assert Event.objects.count() == events + 2
    assert list(selectors.requests_to_answer(world.clerk)) == []
    with pytest.raises(TeamsError) as caught:
        services.help_answer(actor=world.clerk, request=asked, accept=False, answer="晚了")
    assert caught.value.code == "not_asked"


def test_declining_needs_a_reason_and_the_community_sees_it(world):
    asked = services.help_ask(actor=world.secretary, community=world.xincheng, member=cadre(world), what="入户核实", needed_on=dt.date(2026, 12, 3))
    before = state()

    with pytest.raises(TeamsError) as caught:
        services.help_answer(actor=world.leader, request=asked, accept=False, answer="\u3000 \u200b")
    assert caught.value.code == "required" and state() == before

    services.help_answer(actor=world.leader, request=asked, accept=False, answer="本周人手不足，下周安排")
    assert selectors.requests_visible(world.secretary).get().answer == "本周人手不足，下周安排"


def test_an_activity_counts_its_hours_as_help_to_the_community(world):
    member = cadre(world)
    other = cadre(world, name="杨帆", phone="")

    activity = services.activity_record(actor=world.secretary, community=world.xincheng, day=dt.date(2026, 10, 8), title="低保政策宣讲", hours="2.5",
                                        members=[member, other])

    assert activity.participants.count() == 2
    assert LedgerMonth.objects.get(unit=world.xincheng, measure="teams.hours").value == pytest.approx(5.0)
    assert [(u, float(h), i) for u, _d, h, i in selectors.hours_compute(dt.date(2026, 1, 1), dt.date(2027, 1, 1))] == [
        (world.xincheng.pk, 2.5, world.civil_affairs.pk), (world.xincheng.pk, 2.5, world.civil_affairs.pk)]
    assert selectors.hours_given([member], dt.date(2026, 1, 1), dt.date(2027, 1, 1)) == {member.pk: pytest.approx(2.5)}


def test_a_person_not_attached_on_the_day_is_refused(world):
    member = cadre(world)
    before = state()

    with pytest.raises(TeamsError) as caught:
        services.activity_record(actor=world.secretary, community=world.xincheng, day=dt.date(2025, 6, 1), title="宣讲", hours=2, members=[member])

    assert caught.value.code == "not_attached" and state() == before


def test_the_county_board_counts_people_per_team_hours_and_communities_with_nobody(world):
    member = cadre(world)
    services.activity_record(actor=world.clerk, community=world.xincheng, day=dt.date(2026, 3, 1), title="义诊", hours=4, members=[member])

    figures = selectors.county_figures(world.zhenan, dt.date(2026, 1, 1), dt.date(2027, 1, 1), dt.date(2026, 11, 27))

    assert figures["people"] == 1 and float(figures["hours"]) == 4.0
    assert [u.name for u in figures["bare"]] == ["长发村"]


@pytest.mark.parametrize("who", ["outsider", "rider", "worker", "street_officer"])
def test_only_the_persons_unit_answers(world, who):
    asked = services.help_ask(actor=world.secretary, community=world.xincheng, member=cadre(world), what="入户核实", needed_on=dt.date(2026, 12, 3))
    before = state()

    with pytest.raises(PermissionDenied):
        services.help_answer(actor=getattr(world, who), request=asked, accept=True)

    assert state() == before


def test_another_county_sees_and_does_nothing(world, client_for):
    member = cadre(world)
    asked = services.help_ask(actor=world.secretary, community=world.xincheng, member=member, what="入户核实", needed_on=dt.date(2026, 12, 3))
    before = state()

    assert list(selectors.visible(world.outsider)) == [] and list(selectors.requests_visible(world.outsider)) == []
    with pytest.raises(PermissionDenied):
        services.help_ask(actor=world.outsider, community=world.xincheng, member=member, what="帮忙", needed_on=dt.date(2026, 12, 3))
    with pytest.raises(PermissionDenied):
        services.member_attach(actor=world.outsider, member=member, community=world.changfa, since=dt.date(2026, 1, 1))
    with pytest.raises(PermissionDenied):
        services.activity_record(actor=world.outsider, community=world.xincheng, day=dt.date(2026, 3, 1), title="x", hours=1, members=[member])
    client = client_for(world.outsider)
    page = client.get("/teams/")
    answer = client.post(f"/teams/requests/{asked.pk}/answer/", {"decision": "accept"})
    api = client.post(f"/api/v1/teams/requests/{asked.pk}/answer", {"accept": True}, content_type="application/json")
    ask = client.post("/api/v1/teams/requests", {"community_id": world.xincheng.pk, "member_id": member.pk, "what": "x",
                                                  "needed_on": "2026-12-01"}, content_type="application/json")
    listed = client.get("/api/v1/teams/members")

    assert page.status_code == 200 and "李秀梅" not in page.content.decode()
    assert (answer.status_code, api.status_code, ask.status_code) == (403, 403, 403)
    assert listed.json() == [] and state() == before


def test_a_case_of_another_community_or_none_at_all_is_refused(world):
    member = cadre(world)
    other = _case(world, world.changfa)
    before = state()

    for number in (other.pk, other.pk + 1000):
        with pytest.raises(TeamsError) as refused:
            services.help_ask(actor=world.secretary, community=world.xincheng, member=member, what="入户核实", needed_on=dt.date(2026, 12, 3),
                              case_ref=number)
        assert refused.value.code == "case_unknown" and "新城社区" in refused.value.message

    assert state() == before

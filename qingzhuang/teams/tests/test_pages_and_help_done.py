"""The person's unit adds people, attaches them to communities and records activities on pages; a help request once
accepted is recorded as done with the hours given, which count once (through the activity) in the ledger and the board."""

import datetime as dt
from decimal import Decimal

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.ledger.models import LedgerMonth
from qingzhuang.teams import selectors, services
from qingzhuang.teams.errors import TeamsError
from qingzhuang.teams.models import Activity, Attachment, HelpRequest, HelpStatus, Member
from qingzhuang.teams.testing import cadre

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2026, 1, 1), dt.date(2027, 1, 1))


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def _counts():
    return (Member.objects.count(), Attachment.objects.count(), Activity.objects.count(), list(HelpRequest.objects.values_list("status", flat=True)),
            Event.objects.count(), LedgerMonth.objects.count())


def _accepted(world):
    member = cadre(world)
    asked = services.help_ask(actor=world.secretary, community=world.xincheng, member=member, what="困难家庭\n上门核实", needed_on=dt.date(2026, 11, 20))
    return member, services.help_answer(actor=world.clerk, request=asked, accept=True)


def test_help_recorded_as_done_becomes_an_activity_whose_hours_count_once(world):
    member, accepted = _accepted(world)
    before = selectors.county_figures(world.zhenan, *YEAR, dt.date(2026, 11, 27))["hours"]

    done = services.help_done(actor=world.clerk, request=accepted, hours="3.5", day=dt.date(2026, 11, 25))

    activity = Activity.objects.get(help_request=done)
    assert done.status == HelpStatus.DONE and activity.title == "困难家庭 上门核实"
    assert list(activity.participants.all()) == [member]
    assert selectors.county_figures(world.zhenan, *YEAR, dt.date(2026, 11, 27))["hours"] == before + Decimal("3.5")
    assert selectors.hours_given([member], *YEAR, community=world.xincheng) == {member.pk: Decimal("3.5")}
    with pytest.raises(TeamsError) as twice:
        services.help_done(actor=world.clerk, request=done, hours="1")
    assert twice.value.code == "not_accepted"


@pytest.mark.parametrize(("hours", "day", "code"), [
    ("0", None, "hours_invalid"), ("-5", None, "hours_invalid"), (str(10**23), None, "hours_invalid"), ("\u3000", None, "hours_invalid"),
    ("2\x00", None, "hours_invalid"), ("2", dt.date(2026, 12, 1), "day_in_future"), ("2", "2026-13-45", "date_invalid"),
])
def test_hostile_hours_or_day_leave_the_request_accepted_and_nothing_written(world, hours, day, code):
    _member, accepted = _accepted(world)
    before = _counts()

    with pytest.raises(TeamsError) as refused:
        services.help_done(actor=world.clerk, request=accepted, hours=hours, day=day)

    assert refused.value.code == code
    assert _counts() == before


def test_another_county_cannot_record_help_as_done(world):
    from django.core.exceptions import PermissionDenied

    _member, accepted = _accepted(world)
    before = _counts()
    with pytest.raises(PermissionDenied):
        services.help_done(actor=world.outsider, request=accepted, hours="2")
    assert _counts() == before


def test_the_clerk_adds_a_person_attaches_them_and_records_an_activity_on_the_pages(client, world):
    client.force_login(world.clerk)

    added = client.post("/teams/people/new/", {"unit": world.civil_affairs.pk, "team": "department_cadre", "name": "赵立新", "phone": "13912340009"})
    member = Member.objects.get(name="赵立新")
    attached = client.post(f"/teams/people/{member.pk}/", {"community": world.xincheng.pk, "since": "2026-11-01"})
    form = client.get(f"/teams/activities/new/?community={world.xincheng.pk}&day=2026-11-26")
    recorded = client.post("/teams/activities/new/", {"community": world.xincheng.pk, "day": "2026-11-26", "title": "入户走访", "hours": "2",
                                                     "members": [member.pk]})

    assert (added.status_code, attached.status_code, form.status_code, recorded.status_code) == (302, 302, 200, 302)
    assert "赵立新" in form.content.decode()
    assert selectors.hours_given([member], *YEAR, community=world.xincheng) == {member.pk: Decimal("2.0")}
    page = client.get(f"/teams/people/{member.pk}/").content.decode()
    assert "新城社区" in page and "2026-11-01" in page


@pytest.mark.parametrize("name", ["", "\u3000\u00a0\u200b", "王\x00", "名" * 100_000])
def test_the_pages_refuse_hostile_values_in_chinese_and_write_nothing(client, world, name):
    member = cadre(world)
    client.force_login(world.clerk)
    before = _counts()

    added = client.post("/teams/people/new/", {"unit": world.civil_affairs.pk, "team": "department_cadre", "name": name})
    foreign = client.post("/teams/people/new/", {"unit": world.beilin_office.pk, "team": "department_cadre", "name": "王五"})
    attached = client.post(f"/teams/people/{member.pk}/", {"community": world.caochangpo.pk, "since": "2026-11-01"})
    recorded = client.post("/teams/activities/new/", {"community": world.xincheng.pk, "day": "2026-11-26", "title": "走访", "hours": str(10**23),
                                                     "members": [member.pk]})

    assert (added.status_code, foreign.status_code, attached.status_code, recorded.status_code) == (400, 400, 400, 400)
    assert "小时" in recorded.content.decode() and "Error" not in added.content.decode()
    assert _counts() == before


def test_a_community_secretary_cannot_attach_a_departments_person(client, world):
    member = cadre(world)
    client.force_login(world.secretary)
    before = _counts()

    answer = client.post(f"/teams/people/{member.pk}/", {"community": world.xincheng.pk, "since": "2026-11-01"})

    assert answer.status_code == 403
    assert _counts() == before


def test_help_is_recorded_as_done_through_the_api_and_a_hostile_payload_writes_nothing(client, world):
    from qingzhuang.accounts.services import api_token_create

    _member, accepted = _accepted(world)
    _token, raw = api_token_create(actor=None, user=world.clerk, name="test")
    headers = {"Authorization": f"Bearer {raw}"}
    before = _counts()

    hostile = [client.post(f"/api/v1/teams/requests/{accepted.pk}/done", body, content_type="application/json", headers=headers)
               for body in ({"hours": 10**23}, {"hours": -5}, {"hours": "\u3000"}, {"hours": "2", "day": "2026-13-45"}, {})]
    assert {r.status_code for r in hostile} <= {400, 422} and _counts() == before
    done = client.post(f"/api/v1/teams/requests/{accepted.pk}/done", {"hours": "1.5"}, content_type="application/json", headers=headers)

    assert done.status_code == 200 and done.json()["status"] == "done"

"""Hostile values on every field the four teams take, through the services and the API: a clear Chinese message and
nothing written (members, attachments, activities, requests, audit, ledger)."""

import datetime as dt
import json

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.ledger.models import LedgerMonth
from qingzhuang.teams import services
from qingzhuang.teams.errors import TeamsError
from qingzhuang.teams.models import Activity, Attachment, HelpRequest, Member
from qingzhuang.teams.testing import cadre

pytestmark = pytest.mark.django_db
HUGE = 10**23
BLANK = "\u3000\u00a0\u200b "


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def _counts():
    return (Member.objects.count(), Attachment.objects.count(), Activity.objects.count(), HelpRequest.objects.count(), Event.objects.count(),
            LedgerMonth.objects.count())


MEMBER_CASES = [
    ({"name": BLANK}, "required", "姓名"),
    ({"name": "名" * 100_000}, "too_long", "50"),
    ({"name": "王\x00五"}, "unstorable", "无法保存"),
    ({"name": "\ud800"}, "unstorable", "无法保存"),
    ({"team": "captain<script>"}, "not_a_choice", "队伍"),
    ({"position": "职" * 51}, "too_long", "50"),
    ({"phone": "一三九"}, "phone_invalid", "手机号码"),
    ({"phone": str(HUGE)}, "too_long", "20"),
    ({"phone": "-5"}, "phone_invalid", "手机号码"),
    ({"skills": "技" * 100_000}, "too_long", "200"),
    ({"notes": "注\x00"}, "unstorable", "无法保存"),
    ({"notes": "注" * 100_000}, "too_long", "2,000"),
]


@pytest.mark.parametrize(("changes", "code", "words"), MEMBER_CASES)
def test_a_member_with_a_hostile_field_is_refused_and_nothing_written(world, changes, code, words):
    before = _counts()
    values = {"actor": world.clerk, "unit": world.civil_affairs, "team": "department_cadre", "name": "李秀梅"}
    with pytest.raises(TeamsError) as refused:
        services.member_add(**{**values, **changes})
    assert refused.value.code == code and words in refused.value.message
    assert _counts() == before


@pytest.mark.parametrize(("since", "until", "code"), [
    ("2026-13-45", None, "date_invalid"), (dt.date(1899, 1, 1), None, "date_out_of_range"), (HUGE, None, "date_invalid"),
    (dt.date(2026, 5, 1), dt.date(2026, 4, 1), "until_before_since"), (dt.date(2026, 2, 1), None, "already_attached"),
])
def test_an_attachment_with_bad_dates_or_overlapping_is_refused(world, since, until, code):
    member = cadre(world)
    before = _counts()
    with pytest.raises(TeamsError) as refused:
        services.member_attach(actor=world.clerk, member=member, community=world.xincheng, since=since, until=until)
    assert refused.value.code == code and refused.value.message
    assert _counts() == before


def test_an_attachment_to_a_department_or_another_county_is_refused(world):
    member = cadre(world)
    before = _counts()
    for place in (world.education, world.caochangpo, world.yongle):
        with pytest.raises(TeamsError) as refused:
            services.member_attach(actor=None, member=member, community=place, since=dt.date(2026, 1, 1))
        assert refused.value.code == "not_a_community" and "社区" in refused.value.message
    assert _counts() == before


@pytest.mark.parametrize(("changes", "code", "words"), [
    ({"hours": HUGE}, "hours_invalid", "24"), ({"hours": -5}, "hours_invalid", "24"), ({"hours": 0}, "hours_invalid", "24"),
    ({"hours": "2.55"}, "hours_invalid", "2.5"), ({"hours": "NaN"}, "hours_invalid", "24"), ({"hours": "Infinity"}, "hours_invalid", "24"),
    ({"hours": "两"}, "hours_invalid", "24"), ({"hours": True}, "hours_invalid", "24"), ({"hours": BLANK}, "hours_invalid", "24"),
    ({"title": BLANK}, "required", "活动"), ({"title": "活" * 100_000}, "too_long", "100"), ({"title": "\ud800"}, "unstorable", "无法保存"),
    ({"day": "2026-13-45"}, "date_invalid", "日期"), ({"day": dt.date(2100, 1, 1)}, "date_out_of_range", "2099"),
    ({"members": []}, "no_participants", "参加人员"),
])
def test_an_activity_with_a_hostile_field_is_refused_and_nothing_written(world, changes, code, words):
    member = cadre(world)
    before = _counts()
    values = {"actor": world.secretary, "community": world.xincheng, "day": dt.date(2026, 10, 1), "title": "宣讲", "hours": "2", "members": [member]}
    with pytest.raises(TeamsError) as refused:
        services.activity_record(**{**values, **changes})
    assert refused.value.code == code and words in refused.value.message
    assert _counts() == before


@pytest.mark.parametrize(("changes", "code", "words"), [
    ({"what": BLANK}, "required", "求助事项"), ({"what": "求" * 100_000}, "too_long", "2,000"), ({"what": "求\x00助"}, "unstorable", "无法保存"),
    ({"needed_on": "明天"}, "date_invalid", "日期"), ({"case_ref": HUGE}, "out_of_range", "诉求编号"), ({"case_ref": -5}, "out_of_range", "诉求编号"),
    ({"case_ref": "十七"}, "not_a_number", "诉求编号"),
])
def test_a_help_request_with_a_hostile_field_is_refused_and_nothing_written(world, changes, code, words):
    member = cadre(world)
    before = _counts()
    values = {"actor": world.secretary, "community": world.xincheng, "member": member, "what": "入户核实", "needed_on": dt.date(2026, 12, 3)}
    with pytest.raises(TeamsError) as refused:
        services.help_ask(**{**values, **changes})
    assert refused.value.code == code and words in refused.value.message
    assert _counts() == before


def test_an_answer_with_a_hostile_reason_is_refused(world):
    asked = services.help_ask(actor=world.secretary, community=world.xincheng, member=cadre(world), what="入户核实", needed_on=dt.date(2026, 12, 3))
    before = _counts()
    for answer in (BLANK, "因\x00故", "因" * 100_000, "\ud800"):
        with pytest.raises(TeamsError):
            services.help_answer(actor=world.clerk, request=asked, accept=False, answer=answer)
    asked.refresh_from_db()
    assert asked.status == "asked" and _counts() == before


def _post(client, url, body):
    return client.post(url, json.dumps(body, ensure_ascii=False), content_type="application/json")


@pytest.mark.parametrize(("who", "url", "body", "status"), [
    ("clerk", "/api/v1/teams/members", {"team": "department_cadre", "name": "\u3000"}, 400),
    ("clerk", "/api/v1/teams/members", {"team": "department_cadre", "name": "名" * 100_000}, 400),
    ("clerk", "/api/v1/teams/members", {"team": "bogus", "name": "王五"}, 400),
    ("clerk", "/api/v1/teams/members", {"team": "department_cadre", "name": "王五", "unit_id": HUGE}, 404),
    ("clerk", "/api/v1/teams/members", {"team": "department_cadre", "name": "王五", "unit_id": -5}, 404),
    ("secretary", "/api/v1/teams/activities", {"title": "宣讲", "hours": HUGE, "day": "2026-10-01"}, 400),
    ("secretary", "/api/v1/teams/activities", {"title": "宣讲", "hours": -5, "day": "2026-10-01"}, 400),
    ("secretary", "/api/v1/teams/activities", {"title": "宣讲", "hours": 2, "day": "2026-13-45"}, 422),
    ("secretary", "/api/v1/teams/activities", {"title": "宣讲", "hours": 2, "day": "2026-10-01", "member_ids": [HUGE]}, 400),
    ("secretary", "/api/v1/teams/activities", {"title": "宣讲", "hours": 2, "day": "2026-10-01", "member_ids": [-5]}, 400),
    ("secretary", "/api/v1/teams/requests", {"what": "\u200b", "needed_on": "2026-12-03"}, 400),
    ("secretary", "/api/v1/teams/requests", {"what": "求助", "needed_on": "2026-12-03", "case_ref": -5}, 400),
    ("secretary", "/api/v1/teams/requests", {"what": "求助", "needed_on": "2026-12-03", "case_ref": HUGE}, 400),
    ("secretary", "/api/v1/teams/requests", {"what": "求助", "needed_on": "2026-12-03", "member_id": -5}, 404),
])
def test_the_api_refuses_with_a_message_and_writes_nothing(world, client_for, who, url, body, status):
    member = cadre(world)
    defaults = {"unit_id": world.civil_affairs.pk, "community_id": world.xincheng.pk, "member_ids": [member.pk], "member_id": member.pk}
    before = _counts()
    response = _post(client_for(getattr(world, who)), url, {**defaults, **body})
    assert response.status_code == status, response.content
    assert response.json()["error"]["message"]
    assert _counts() == before


def test_the_api_answers_and_the_community_sees_the_answer(world, client_for):
    member = cadre(world)
    asked = _post(client_for(world.secretary), "/api/v1/teams/requests",
                  {"community_id": world.xincheng.pk, "member_id": member.pk, "what": "入户核实", "needed_on": "2026-12-03"})
    assert asked.status_code == 200, asked.content
    answered = _post(client_for(world.leader), f"/api/v1/teams/requests/{asked.json()['id']}/answer", {"accept": True})
    mine = client_for(world.secretary).get("/api/v1/teams/requests").json()
    assert answered.json()["status"] == "accepted" and [r["status"] for r in mine] == ["accepted"]

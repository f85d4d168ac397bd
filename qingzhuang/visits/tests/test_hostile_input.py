"""Hostile values on every field of a booking, through the service and the API: a clear Chinese message naming the
field, and nothing written (visits, places, audit, gate checks, ledger)."""

import datetime as dt
import json

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.gate.models import GateCheck
from qingzhuang.ledger.models import LedgerMonth
from qingzhuang.visits import services
from qingzhuang.visits.errors import VisitError
from qingzhuang.visits.models import Visit, VisitPlace
from qingzhuang.visits.testing import MONDAY, TODAY, book, booking

pytestmark = pytest.mark.django_db
HUGE = 10**23
BLANK = "\u3000\u00a0\u200b "


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = TODAY


def _counts():
    return (Visit.objects.count(), VisitPlace.objects.count(), Event.objects.count(), GateCheck.objects.count(), LedgerMonth.objects.count())


CASES = [
    ({"team_name": BLANK}, "team_name", "required", "调研组"),
    ({"team_name": "组" * 101}, "team_name", "too_long", "100"),
    ({"leader": ""}, "leader", "required", "带队领导"),
    ({"leader": "王\x00五"}, "leader", "unstorable", "无法保存"),
    ({"leader": "\ud800"}, "leader", "unstorable", "无法保存"),
    ({"members": "名" * 100_000}, "members", "too_long", "2,000"),
    ({"purpose": BLANK}, "purpose", "required", "调研目的"),
    ({"purpose": "目" * 100_000}, "purpose", "too_long", "2,000"),
    ({"member_count": HUGE}, "member_count", "out_of_range", "人数"),
    ({"member_count": -5}, "member_count", "out_of_range", "人数"),
    ({"member_count": 0}, "member_count", "out_of_range", "人数"),
    ({"member_count": "三"}, "member_count", "not_a_number", "人数"),
    ({"kind": "inspection<script>"}, "kind", "not_a_choice", "类型"),
    ({"place_ids": []}, "places", "no_places", "调研地点"),
    ({"place_ids": [HUGE]}, "places", "place_unknown", "调研地点"),
    ({"place_ids": [-5]}, "places", "place_unknown", "调研地点"),
    ({"place_ids": list(range(1, 30))}, "places", "too_many_places", "20"),
    ({"start_on": "2026-13-45"}, "start_on", "date_invalid", "日期"),
    ({"end_on": MONDAY - dt.timedelta(days=1)}, "end_on", "end_before_start", "结束日期"),
    ({"end_on": MONDAY + dt.timedelta(days=40)}, "end_on", "too_long", "30"),
    ({"start_on": dt.date(2099, 1, 1), "end_on": dt.date(2099, 1, 2)}, "start_on", "too_far", "一年"),
    ({"crowd_reason": "理\x00由"}, "crowd_reason", "unstorable", "无法保存"),
]
IDS = ["blank team", "long team", "no leader", "NUL", "lone surrogate", "100,000 members", "blank purpose", "100,000 purpose",
       "10^23 people", "-5 people", "nobody", "people in words", "bad kind", "no places", "huge place", "negative place",
       "too many places", "bad date", "backwards", "too long", "far future", "NUL reason"]


@pytest.mark.parametrize(("changes", "field", "code", "words"), CASES, ids=IDS)
def test_the_service_refuses_naming_the_field_and_writes_nothing(world, changes, field, code, words):
    before = _counts()
    with pytest.raises(VisitError) as refused:
        book(world.civil_affairs, [world.changfa], actor=world.clerk, **changes)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert words in refused.value.message
    assert _counts() == before


def test_a_place_of_another_county_is_refused(world):
    before = _counts()
    with pytest.raises(VisitError) as refused:
        book(world.civil_affairs, [world.caochangpo])
    assert refused.value.code == "place_unknown" and "镇安县" in refused.value.message
    assert _counts() == before


def test_a_community_cannot_organise_a_visit(world):
    with pytest.raises(VisitError) as refused:
        book(world.xincheng, [world.changfa])
    assert refused.value.code == "not_an_organiser"
    assert Visit.objects.count() == 0


def _api(world, **changes):
    body = booking(world.civil_affairs, [world.changfa])
    body["organiser_id"] = body.pop("organiser").pk
    body["start_on"], body["end_on"] = body["start_on"].isoformat(), body["end_on"].isoformat()
    body.update(changes)
    return body


def _post(client, body):
    return client.post("/api/v1/visits/", json.dumps(body, ensure_ascii=False), content_type="application/json")


@pytest.mark.parametrize(("changes", "code", "words"), [
    ({"team_name": BLANK}, "required", "调研组"),
    ({"purpose": "目" * 100_000}, "too_long", "2,000"),
    ({"leader": "王\x00五"}, "unstorable", "无法保存"),
    ({"member_count": -5}, "out_of_range", "人数"),
    ({"place_ids": [-5]}, "place_unknown", "调研地点"),
    ({"kind": "bogus"}, "not_a_choice", "类型"),
], ids=["blank", "100,000 chars", "NUL", "-5", "negative place", "bad kind"])
def test_the_api_refuses_in_the_one_error_shape_and_writes_nothing(world, client_for, changes, code, words):
    before = _counts()
    response = _post(client_for(world.clerk), _api(world, **changes))
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == code and words in error["message"]
    assert _counts() == before


@pytest.mark.parametrize("changes", [{"member_count": HUGE}, {"organiser_id": HUGE}, {"start_on": "2026-13-45"}, {"place_ids": "长发村"},
                                     {"team_name": 12}], ids=["10^23 people", "huge organiser", "bad date", "places as text", "number as text"])
def test_the_api_refuses_bad_types_with_a_message(world, client_for, changes):
    before = _counts()
    response = _post(client_for(world.clerk), _api(world, **changes))
    assert response.status_code in (400, 404, 422), response.content
    assert response.json()["error"]["message"]
    assert _counts() == before


def test_the_api_refuses_a_lone_surrogate(world, client_for):
    before = _counts()
    body = json.dumps(_api(world, leader="LEADER"), ensure_ascii=False).replace("LEADER", "\\ud800")
    response = client_for(world.clerk).post("/api/v1/visits/", body, content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "unstorable"
    assert _counts() == before


def test_cancelling_needs_a_reason_and_a_done_visit_cannot_be_cancelled(world, settings):
    visit = book(world.civil_affairs, [world.changfa])
    for reason in (BLANK, "因\x00故", "因" * 100_000):
        with pytest.raises(VisitError):
            services.visit_cancel(actor=world.clerk, visit=visit, reason=reason)
    visit.refresh_from_db()
    assert visit.status == "planned" and visit.cancel_reason == ""
    with pytest.raises(VisitError) as early:
        services.visit_done(actor=world.clerk, visit=visit)
    assert early.value.code == "done_too_early"
    settings.QZ_TODAY = "2026-12-01"
    services.visit_done(actor=world.clerk, visit=visit)
    with pytest.raises(VisitError) as late:
        services.visit_cancel(actor=world.clerk, visit=visit, reason="改期")
    assert late.value.code == "not_planned" and "已完成" in late.value.message

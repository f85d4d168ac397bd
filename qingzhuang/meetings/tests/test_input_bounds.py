"""Hostile text and numbers through every create/update/close of meetings, by the API and the services:
a Chinese message naming the field, nothing written."""

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qingzhuang.audit.models import Event
from qingzhuang.ledger.models import LedgerYear
from qingzhuang.meetings import services
from qingzhuang.meetings.errors import MeetingInvalid
from qingzhuang.meetings.models import Attendance, Meeting, MeetingPlan, PlanLine, Speech
from qingzhuang.meetings.tests.factories import approved, at, make
from qingzhuang.meetings.tests.test_api import _payload

pytestmark = pytest.mark.django_db
HUGE = 99999999999999999999999


def _counts():
    return (Meeting.objects.count(), Speech.objects.count(), Attendance.objects.count(), Event.objects.count(),
            LedgerYear.objects.count(), MeetingPlan.objects.count(), PlanLine.objects.count())


def _post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(("changes", "field", "code", "words"), [
    ({"topic": ""}, "topic", "required", "请填写会议名称"),
    ({"topic": "\u3000\u00a0\u200b"}, "topic", "required", "会议名称"),
    ({"topic": "会" * 201}, "topic", "too_long", "最多 200 个字符"),
    ({"field": "民" * 51}, "field", "too_long", "50"),
    ({"planned_minutes": HUGE}, "planned_minutes", "out_of_range", "1 到 1,440"),
    ({"principals_count": 100_000}, "principals_count", "out_of_range", "1 到 500"),
    ({"kind": "bogus<script>"}, "kind", "not_a_choice", "bogus<script>"),
    ({"format": "hologram"}, "format", "not_a_choice", "hologram"),
], ids=["empty topic", "blank topic", "long topic", "long field", "huge minutes", "100,000 people", "bogus kind", "bogus format"])
def test_a_hostile_value_on_create_is_refused_by_the_api_naming_the_field(world, client_for, changes, field, code, words):
    before = _counts()

    response = _post(client_for(world.clerk), "/api/v1/meetings/", _payload(world, **changes))

    assert response.status_code in (400, 422), response.content
    error = response.json()["error"]
    if response.status_code == 400:
        assert error["code"] == code and error["fields"][0]["loc"] == [field] and words in error["message"]
    else:  # the schema's own enum refuses kind and format before the service
        assert field in error["fields"][0]["loc"]
    assert _counts() == before


def test_a_speech_of_a_huge_number_of_minutes_is_refused_not_an_overflow(world, client_for):
    before = _counts()

    response = _post(client_for(world.clerk), "/api/v1/meetings/", _payload(world, speeches=[{"speaker": "局长", "minutes": HUGE}]))

    error = response.json()["error"]
    assert response.status_code == 400 and error["code"] == "out_of_range" and error["fields"][0]["loc"] == ["minutes"]
    assert _counts() == before


@pytest.mark.parametrize(("changes", "field", "code"), [
    ({"topic": "会\x00议"}, "topic", "unstorable"), ({"location": "\ud800"}, "location", "unstorable"),
    ({"topic": "\u200b"}, "topic", "required"), ({"planned_minutes": 0}, "planned_minutes", "out_of_range"),
    ({"kind": "bogus<script>"}, "kind", "not_a_choice"),
])
def test_a_hostile_value_on_update_changes_nothing(world, changes, field, code):
    meeting = make(world)
    before = _counts()

    with pytest.raises(MeetingInvalid) as err:
        services.meeting_update(actor=world.clerk, meeting=meeting, **changes)

    assert (err.value.code, err.value.field) == (code, field)
    assert _counts() == before and Meeting.objects.get(pk=meeting.pk).topic == "城乡低保专项治理工作推进会"


def test_an_attendance_of_100000_people_is_refused_and_the_ledger_is_untouched(world, client_for):
    meeting = approved(world, starts_at=at(-2), attendees=[world.yongle])
    before = _counts()

    response = _post(client_for(world.clerk), f"/api/v1/meetings/{meeting.pk}/close",
                     {"actual_minutes": 40, "attendance": {str(world.yongle.pk): 100_000}})

    error = response.json()["error"]
    assert response.status_code == 400 and error["code"] == "out_of_range" and "0 到 500" in error["message"]
    assert _counts() == before and Meeting.objects.get(pk=meeting.pk).status == "approved"


def test_closing_with_a_huge_length_or_a_nul_decision_changes_nothing(world):
    meeting = approved(world, starts_at=at(-2), attendees=[world.yongle])
    before = _counts()

    with pytest.raises(MeetingInvalid) as err:
        services.meeting_close(actor=world.clerk, meeting=meeting, actual_minutes=HUGE)
    assert err.value.field == "actual_minutes"
    with pytest.raises(MeetingInvalid) as err:
        services.meeting_close(actor=world.clerk, meeting=meeting, actual_minutes=40, decisions=[{"text": "完成\x00排查"}])
    assert err.value.code == "unstorable"
    assert _counts() == before


def test_plans_refuse_a_year_or_month_out_of_range_and_a_blank_topic(world):
    with pytest.raises(MeetingInvalid):
        services.plan_create(actor=world.clerk, unit=world.civil_affairs, year=HUGE)
    plan = services.plan_create(actor=world.clerk, unit=world.civil_affairs, year=2026)
    for changes in ({"month": 13}, {"topic": "\u3000"}, {"kind": "bogus"}):
        arguments: dict[str, Any] = {"topic": "年度工作会", "field": "民政", **changes}
        with pytest.raises(MeetingInvalid):
            services.plan_line_add(actor=world.clerk, plan=plan, **arguments)
    assert not PlanLine.objects.exists()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(topic=st.text(max_size=220), minutes=st.integers(min_value=-10, max_value=10**25), people=st.integers(min_value=-5, max_value=10**7))
def test_any_topic_and_numbers_are_stored_within_bounds_or_refused_with_a_domain_error(world, topic, minutes, people):
    try:
        meeting = make(world, topic=topic, planned_minutes=minutes, principals_count=people)
    except MeetingInvalid as err:
        assert err.field in ("topic", "planned_minutes", "principals_count") and err.message
        return
    meeting.refresh_from_db()
    assert 0 < len(meeting.topic) <= 200 and "\x00" not in meeting.topic
    assert 1 <= meeting.planned_minutes <= 1440 and 1 <= meeting.principals_count <= 500


def test_a_huge_number_in_the_speech_minutes_box_of_the_form_is_refused_on_the_page(world, client_for):
    from qingzhuang.meetings.tests.test_pages import _local

    before = _counts()
    response = client_for(world.clerk).post("/meetings/new/", {
        "organiser": world.civil_affairs.pk, "topic": "社会救助政策培训会", "field": "民政", "kind": "special", "format": "video",
        "starts_at": _local(at(12)), "planned_minutes": 50, "attendees": [world.yongle.pk], "principals_count": 1,
        "speech-TOTAL_FORMS": 1, "speech-INITIAL_FORMS": 0, "speech-0-speaker": "局长", "speech-0-minutes": str(HUGE),
    })

    assert response.status_code in (200, 400) and "1 到 1,440" in response.content.decode()
    assert _counts() == before

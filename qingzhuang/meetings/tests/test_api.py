"""A department's own system creates, submits, reads and closes meetings through the API with a token."""


import pytest
from django.utils import timezone

from qingzhuang.accounts.services import api_token_create
from qingzhuang.meetings.models import Meeting
from qingzhuang.meetings.tests.factories import at

pytestmark = pytest.mark.django_db


def _auth(user):
    _token, raw = api_token_create(actor=None, user=user, name="部门业务系统")
    return {"Authorization": f"Bearer {raw}"}


def _payload(world, **kw):
    body = {
        "organiser_id": world.civil_affairs.pk,
        "topic": "全县养老服务推进会",
        "field": "民政",
        "format": "in_person",
        "starts_at": at(8).isoformat(),
        "planned_minutes": 120,
        "attendee_ids": [world.yongle.pk, world.xincheng.pk],
        "principals_required": True,
        "speeches": [{"speaker": "局长", "minutes": 80, "is_main": True}],
    }
    body.update(kw)
    return body


def test_a_token_creates_and_submits_a_meeting_and_reads_the_verdicts(world, client):
    headers = _auth(world.clerk)
    created = client.post("/api/v1/meetings/", _payload(world), content_type="application/json", headers=headers)
    assert created.status_code == 201, created.content
    meeting_id = created.json()["id"]
    assert created.json()["status"] == "draft"

    submitted = client.post(f"/api/v1/meetings/{meeting_id}/submit", headers=headers)
    assert submitted.status_code == 200
    body = submitted.json()
    assert body["status"] == "submitted" and body["gate_outcome"] == "block"
    verdicts = {v["rule"]: v for v in body["verdicts"]}
    assert verdicts["meeting.length"]["outcome"] == "block"
    assert "120" in verdicts["meeting.length"]["message"]
    assert verdicts["meeting.format"]["outcome"] == "warn"

    read = client.get(f"/api/v1/meetings/{meeting_id}", headers=headers)
    assert read.json()["verdicts"] == body["verdicts"]


def test_closing_through_the_api_records_attendance_and_decisions(world, client):
    from qingzhuang.meetings import services

    meeting = services.meeting_create(
        actor=world.clerk, organiser=world.civil_affairs, topic="低保工作会", field="民政", starts_at=at(-2), planned_minutes=45, attendees=[world.yongle]
    )
    services.meeting_approve(actor=world.reviewer, meeting=services.meeting_submit(actor=world.clerk, meeting=meeting))
    response = client.post(
        f"/api/v1/meetings/{meeting.pk}/close",
        {"actual_minutes": 40, "attendance": {str(world.yongle.pk): 2}, "decisions": [{"text": "月底前完成排查", "owner_unit_id": world.yongle.pk, "due": str(timezone.localdate())}]},
        content_type="application/json",
        headers=_auth(world.clerk),
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "closed" and response.json()["decisions"] == 1
    assert Meeting.objects.get(pk=meeting.pk).attendance.get().people == 2


def test_errors_have_the_common_shape_and_a_refusal_creates_nothing(world, client):
    refused = client.post("/api/v1/meetings/", _payload(world), content_type="application/json", headers=_auth(world.secretary))
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    outsider = client.post("/api/v1/meetings/", _payload(world), content_type="application/json", headers=_auth(world.outsider))
    assert outsider.status_code == 403
    assert not Meeting.objects.exists()

    anonymous = client.get("/api/v1/meetings/1")
    assert anonymous.status_code == 401 and set(anonymous.json()["error"]) >= {"code", "message"}

    headers = _auth(world.clerk)
    meeting_id = client.post("/api/v1/meetings/", _payload(world), content_type="application/json", headers=headers).json()["id"]
    early = client.post(f"/api/v1/meetings/{meeting_id}/close", {"actual_minutes": 30}, content_type="application/json", headers=headers)
    assert early.status_code == 409 and early.json()["error"]["code"] == "wrong_state"
    invalid = client.post("/api/v1/meetings/", _payload(world, planned_minutes="long"), content_type="application/json", headers=headers)
    assert invalid.status_code == 422 and invalid.json()["error"]["fields"]


def test_the_county_figures_come_from_the_api_for_the_reviewer_only(world, client):
    ok = client.get("/api/v1/meetings/figures?county_code=611025&year=2024", headers=_auth(world.reviewer))
    assert ok.status_code == 200 and ok.json()["count"] == 0 and ok.json()["change_percent"] is None
    assert client.get("/api/v1/meetings/figures?county_code=611025&year=2024", headers=_auth(world.outsider)).status_code == 403

"""The pages a clerk and the reviewer use, driven through forms as a person would."""

import pytest
from django.utils import timezone

from qingzhuang.meetings.models import FeedToken, Meeting
from qingzhuang.meetings.tests.factories import approved, at, held, submitted

pytestmark = pytest.mark.django_db


def _local(value):
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_the_clerk_drafts_a_meeting_with_speeches_and_submits_it_from_the_form(world, client):
    client.force_login(world.clerk)
    assert client.get("/meetings/new/").status_code == 200
    form = {
        "organiser": world.civil_affairs.pk, "topic": "社会救助政策培训会", "field": "民政", "kind": "special", "format": "video",
        "starts_at": _local(at(12)), "planned_minutes": 50, "attendees": [world.yongle.pk, world.changfa.pk], "principals_count": 1,
        "speech-TOTAL_FORMS": 4, "speech-INITIAL_FORMS": 0,
        "speech-0-speaker": "局长", "speech-0-minutes": 25, "speech-0-is_main": "on",
        "speech-1-speaker": "科长", "speech-1-minutes": 15,
        "submit": "1",
    }
    response = client.post("/meetings/new/", form)
    meeting = Meeting.objects.get(topic="社会救助政策培训会")
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/"
    assert meeting.status == "submitted"
    assert [(s.speaker, s.minutes, s.is_main) for s in meeting.speeches.all()] == [("局长", 25, True), ("科长", 15, False)]
    assert set(meeting.attendees.values_list("pk", flat=True)) == {world.yongle.pk, world.changfa.pk}
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "规则检查结果" in page and "未列入镇安县民政局" in page


def test_the_clerk_edits_a_returned_meeting(world, client):
    from qingzhuang.meetings import services

    meeting = services.meeting_return(actor=world.reviewer, meeting=submitted(world, planned_minutes=90), reason="请压缩时长")
    client.force_login(world.clerk)
    page = client.get(f"/meetings/{meeting.pk}/edit/").content.decode()
    assert "请压缩时长" in page
    form = {
        "organiser": world.civil_affairs.pk, "topic": meeting.topic, "field": "民政", "kind": "special", "format": "video",
        "starts_at": _local(meeting.starts_at), "planned_minutes": 45, "attendees": [world.yongle.pk], "principals_count": 1,
        "speech-TOTAL_FORMS": 4, "speech-INITIAL_FORMS": 0, "speech-0-speaker": "局长", "speech-0-minutes": 20, "speech-0-is_main": "on",
        "save": "1",
    }
    assert client.post(f"/meetings/{meeting.pk}/edit/", form).status_code == 302
    meeting.refresh_from_db()
    assert meeting.planned_minutes == 45 and meeting.status == "returned"


def test_the_clerk_closes_a_held_meeting_with_attendance_and_a_decision(world, client):
    meeting = approved(world, starts_at=at(-1))
    client.force_login(world.clerk)
    assert client.get(f"/meetings/{meeting.pk}/close/").status_code == 200
    form = {
        "actual_start": _local(meeting.starts_at), "actual_minutes": 40,
        f"people_{world.yongle.pk}": 2, f"people_{world.xincheng.pk}": 1, f"people_{world.changfa.pk}": 0,
        "decision-TOTAL_FORMS": 3, "decision-INITIAL_FORMS": 0,
        "decision-0-text": "月底前完成低保对象复核", "decision-0-owner_unit": world.yongle.pk, "decision-0-owner_person": "刘芳", "decision-0-due": "2026-12-31",
    }
    assert client.post(f"/meetings/{meeting.pk}/close/", form).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "closed" and meeting.actual_minutes == 40
    assert meeting.decisions.get().owner_person == "刘芳"
    assert sum(meeting.attendance.values_list("people", flat=True)) == 3


def test_the_reviewer_returns_a_meeting_from_the_review_page_and_a_missing_reason_changes_nothing(world, client):
    meeting = submitted(world, planned_minutes=90)
    client.force_login(world.reviewer)
    page = client.get(f"/meetings/{meeting.pk}/review/").content.decode()
    assert "会议及讲话时长" in page and "计划 90 分钟，超过 60 分钟的时长上限" in page
    client.post(f"/meetings/{meeting.pk}/review/", {"action": "return", "reason": ""})
    assert Meeting.objects.get(pk=meeting.pk).status == "submitted"
    client.post(f"/meetings/{meeting.pk}/review/", {"action": "return", "reason": "压缩到一小时以内"})
    assert Meeting.objects.get(pk=meeting.pk).status == "returned"


def test_plans_figures_queue_and_feeds_pages_open(world, client):
    held(world, days_ago=3)
    client.force_login(world.reviewer)
    for url in ("/meetings/", "/meetings/review/", "/meetings/plans/", "/meetings/figures/", "/meetings/feeds/"):
        assert client.get(url).status_code == 200, url
    response = client.post("/meetings/plans/", {"unit": world.civil_affairs.pk, "year": 2027})
    plan_url = response["Location"]
    assert client.post(plan_url, {"topic": "全县民政工作会议", "field": "民政", "kind": "comprehensive", "month": 2}).status_code == 302
    assert "全县民政工作会议" in client.get(plan_url).content.decode()
    page = client.post("/meetings/feeds/", {"unit": world.civil_affairs.pk}).content.decode()
    assert "/meetings/feed/" in page and FeedToken.objects.filter(user=world.reviewer).count() == 1


def test_a_community_secretary_sees_the_meetings_summoning_her_community_but_no_organise_buttons(world, client):
    meeting = approved(world)
    client.force_login(world.secretary)
    assert client.get("/meetings/new/").status_code == 403
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert meeting.topic in page and "取消本次会议" not in page and "修改" not in page

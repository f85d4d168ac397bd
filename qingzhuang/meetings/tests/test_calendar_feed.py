"""Each unit's meetings as an RFC 5545 feed behind a private, revocable token."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from icalendar import Calendar

from qingzhuang.audit.models import Event as AuditEvent
from qingzhuang.meetings import services
from qingzhuang.meetings.tests.factories import approved, held, make, submitted

pytestmark = pytest.mark.django_db


def _events(client, raw):
    response = client.get(f"/meetings/feed/{raw}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_the_feed_lists_the_units_published_meetings_with_the_rfc5545_fields(world, client):
    meeting = approved(world, location="县政府三楼会议室")
    make(world, topic="还在起草的会")
    submitted(world, topic="还在审核的会")
    _token, raw = services.feed_token_create(actor=world.secretary, unit=world.xincheng)

    events = _events(client, raw)

    assert list(events) == [f"meeting-{meeting.pk}@qingzhuang"]
    event = events[f"meeting-{meeting.pk}@qingzhuang"]
    assert str(event["SUMMARY"]) == meeting.topic
    assert event.decoded("DTSTART") == meeting.starts_at
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=meeting.planned_minutes)
    assert "DTSTAMP" in event
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]).endswith(f"/meetings/{meeting.pk}/")
    assert "县政府三楼会议室" in str(event["LOCATION"]) and "视频会议" in str(event["LOCATION"])
    assert "镇安县民政局" in str(event["DESCRIPTION"])
    assert int(event["SEQUENCE"]) == meeting.sequence


def test_a_cancelled_meeting_stays_in_the_feed_as_cancelled_with_a_higher_sequence(world, client):
    meeting = approved(world)
    _token, raw = services.feed_token_create(actor=world.clerk, unit=world.civil_affairs)
    first = int(_events(client, raw)[f"meeting-{meeting.pk}@qingzhuang"]["SEQUENCE"])
    services.meeting_cancel(actor=world.clerk, meeting=meeting, reason="改为书面部署")
    event = _events(client, raw)[f"meeting-{meeting.pk}@qingzhuang"]
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) > first


def test_a_closed_meeting_shows_its_actual_time(world, client):
    meeting = held(world, days_ago=3, actual_minutes=35)
    _token, raw = services.feed_token_create(actor=world.clerk, unit=world.civil_affairs)
    event = _events(client, raw)[f"meeting-{meeting.pk}@qingzhuang"]
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=35)


def test_an_unknown_or_revoked_token_gets_404_and_revoking_is_audited(world, client):
    approved(world)
    token, raw = services.feed_token_create(actor=world.secretary, unit=world.xincheng)
    assert client.get("/meetings/feed/not-a-token.ics").status_code == 404
    services.feed_token_revoke(actor=world.secretary, token=token)
    assert client.get(f"/meetings/feed/{raw}.ics").status_code == 404
    assert AuditEvent.objects.filter(model="meetings.feedtoken", object_id=str(token.pk), action="revoke").exists()


def test_the_feed_holds_only_what_its_owner_may_see(world, client):
    from qingzhuang.meetings.models import FeedToken

    approved(world)
    other_county = services.meeting_create(
        actor=world.admin, organiser=world.beilin_office, topic="碑林区的会", field="综合", starts_at=make(world).starts_at, planned_minutes=30,
        attendees=[world.caochangpo],
    )
    services.meeting_approve(actor=world.admin, meeting=services.meeting_submit(actor=world.admin, meeting=other_county))
    _token, raw = services.feed_token_create(actor=world.reviewer, unit=world.office)
    assert f"meeting-{other_county.pk}@qingzhuang" not in _events(client, raw)
    # A token made for a unit outside one's scope is refused; one whose owner lost the right stops working.
    with pytest.raises(PermissionDenied):
        services.feed_token_create(actor=world.secretary, unit=world.civil_affairs)
    token, raw2 = services.feed_token_create(actor=world.secretary, unit=world.xincheng)
    world.secretary.roles.all().delete()
    assert client.get(f"/meetings/feed/{raw2}.ics").status_code == 404
    assert FeedToken.objects.filter(pk=token.pk, revoked=False).exists()

"""A unit's meetings as an iCalendar feed (RFC 5545) that calendar apps subscribe to.

Times are written in UTC (RFC 5545 §3.3.5 form 2), which every client converts and which needs no
VTIMEZONE. SEQUENCE is the meeting's own counter, bumped by every service that changes it, so a
client replaces its copy; a cancelled meeting stays in the feed with STATUS:CANCELLED so that
subscribers see it go.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from qingzhuang.meetings.models import Meeting, MeetingStatus

PRODID = "-//Qingzhuang//meetings//ZH"


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def event_for(meeting: Meeting, url: str) -> Event:
    start = meeting.actual_start if meeting.status == MeetingStatus.CLOSED and meeting.actual_start else meeting.starts_at
    minutes = meeting.actual_minutes if meeting.status == MeetingStatus.CLOSED and meeting.actual_minutes else meeting.planned_minutes
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@qingzhuang")
    event.add("dtstamp", _utc(meeting.updated or timezone.now()))
    event.add("dtstart", _utc(start))
    event.add("dtend", _utc(start + dt.timedelta(minutes=minutes)))
    event.add("summary", meeting.topic)
    fmt = str(meeting.get_format_display())
    event.add("location", f"{meeting.location}（{fmt}）" if meeting.location else fmt)
    # Labels are looked up first: xgettext does not read calls inside f-strings.
    organiser_label, format_label = _("Organising unit"), _("Format")
    length_text = _("Planned length: %(n)s minutes") % {"n": meeting.planned_minutes}
    lines = [f"{organiser_label}: {meeting.organiser.name}", f"{format_label}: {fmt}", length_text]
    if meeting.principals_required:
        lines.append(_("Grassroots principals must attend (%(n)s per unit).") % {"n": meeting.principals_count})
    for speech in meeting.speeches.all():
        lines.append(_("%(speaker)s: %(n)s minutes") % {"speaker": speech.speaker, "n": speech.minutes})
    lines.append(url)
    event.add("description", "\n".join(lines))
    event.add("url", url)
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    event.add("sequence", meeting.sequence)
    return event


def calendar_for(*, name: str, meetings: Iterable[Meeting], url_of: Callable[[Meeting], str]) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for meeting in meetings:
        cal.add_component(event_for(meeting, url_of(meeting)))
    return bytes(cal.to_ical())

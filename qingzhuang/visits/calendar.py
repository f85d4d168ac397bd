"""A unit's incoming visits as iCalendar (RFC 5545): the community puts who is coming into its own calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from qingzhuang.org.models import Unit
from qingzhuang.visits.models import Visit


def incoming_calendar(unit: Unit, visits: Iterable[Visit], site: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Qingzhuang//visits//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{unit.name} 来访调研")
    stamp = timezone.now()
    for visit in visits:
        event = Event()
        event.add("uid", f"visit-{visit.pk}-{unit.pk}@qingzhuang")
        event.add("dtstamp", stamp)
        event.add("summary", f"{visit.get_kind_display()}：{visit.team_name}")
        event.add("dtstart", visit.start_on)
        event.add("dtend", visit.end_on + dt.timedelta(days=1))  # all-day events end the day after (exclusive)
        event.add("description", f"{visit.organiser.name}，{visit.leader}带队，{visit.member_count}人。{visit.purpose}")
        event.add("url", site.rstrip("/") + reverse("visits:detail", args=[visit.pk]))
        cal.add_component(event)
    return cal.to_ical()

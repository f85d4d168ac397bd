"""A held-out-style county built through the services, where counts of items and receipts differ.

Each document goes to a different number of grassroots units, each meeting summons a different
number, so documents issued ≠ deliveries and meetings held ≠ unit-attendances.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from qingzhuang.documents import services as documents
from qingzhuang.meetings import services as meetings

# Common characters: random strings of them share no phrasing, so the duplicate gate passes them.
_CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理"


def text(seed: int, length: int = 320) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(_CHARS) for _ in range(length)) + "。"


@dataclass(frozen=True)
class Issued:
    documents: int  # documents issued
    deliveries: int  # documents × grassroots recipients
    meetings: int  # meetings held
    attendances: int  # meetings × grassroots units summoned


def issue_document(*, issuer: Any, recipients: list[Any], on: dt.date, seed: int) -> Any:
    doc = documents.document_create(actor=None, issuer=issuer, title=f"关于第{seed}项工作的通知", text=text(seed), recipients=recipients)
    doc = documents.document_submit(actor=None, document=doc)
    doc = documents.document_approve(actor=None, document=doc, override_reason="测试")
    doc = documents.document_explain(actor=None, document=doc, explanation="测试县逐年核定")
    doc = documents.document_explanation_accept(actor=None, document=doc)
    return documents.document_issue(actor=None, document=doc, issued_on=on)


def hold_meeting(*, organiser: Any, attendees: list[Any], on: dt.date, seed: int, minutes: int = 45) -> Any:
    starts = timezone.make_aware(dt.datetime.combine(on, dt.time(9, 0)))
    meeting = meetings.meeting_create(
        actor=None, organiser=organiser, topic=f"第{seed}次{text(seed, 6)}调度", field=text(seed + 1, 4), starts_at=starts,
        planned_minutes=minutes, attendees=attendees,
    )
    meeting = meetings.meeting_submit(actor=None, meeting=meeting)
    if meeting.status == "submitted":
        meeting = meetings.meeting_approve(actor=None, meeting=meeting, override_reason="测试")
    return meetings.meeting_close(actor=None, meeting=meeting, actual_minutes=minutes)


def build(*, issuer: Any, organiser: Any, grassroots: list[Any], year: int, documents_per_year: dict[int, int], meetings_per_year: dict[int, int], seed: int = 0) -> dict[int, Issued]:
    """Issue and hold the given numbers of items per year; item n goes to 1 + n % len(grassroots) units."""
    made: dict[int, Issued] = {}
    for y in (year - 1, year):
        deliveries = attendances = 0
        for n in range(documents_per_year[y]):
            to = grassroots[: 1 + (n + y) % len(grassroots)]
            issue_document(issuer=issuer, recipients=to, on=dt.date(y, 1 + n % 12, 1 + n % 28), seed=seed + y * 1000 + n)
            deliveries += len(to)
        for n in range(meetings_per_year[y]):
            to = grassroots[: 1 + (n + 2 * y) % len(grassroots)]
            hold_meeting(organiser=organiser, attendees=to, on=dt.date(y, 1 + n % 12, 2 + n % 26), seed=seed + y * 1000 + 500 + n)
            attendances += len(to)
        made[y] = Issued(documents_per_year[y], deliveries, meetings_per_year[y], attendances)
    return made

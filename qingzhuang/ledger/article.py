"""The article's figures (DOMAIN.md, "The article's figures"), first part: the 镇安县 row that documents
and meetings can compute — documents and meetings in 2024 against 2023, and the length of meetings.

The figures come from the board's own selector (``selectors.board``) on the county office, never typed in.
The article's published values sit beside them only to compare.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from qingzhuang.ledger import selectors
from qingzhuang.ledger.periods import YEAR, Period
from qingzhuang.org.models import Unit, UnitKind

COUNTY_CODE = "611025"
YEAR_OF_ARTICLE = 2024
# Measures as the documents and meetings components register them.
DOCUMENTS = "documents.received"
MEETINGS = "meetings.attended"
MEETING_HOURS = "meetings.hours"
MEETINGS_OVER_AN_HOUR = "meetings.over_an_hour"
# The article's published values (to compare with, never to report).
PUBLISHED = {DOCUMENTS: -0.176, MEETINGS: -0.153}


@dataclass(frozen=True)
class Figure:
    code: str
    label: str
    this: float
    last: float
    change: float | None
    published: float | None

    @property
    def matches(self) -> bool:
        return self.change is not None and self.published is not None and round(self.change, 3) == self.published


@dataclass(frozen=True)
class ArticleFigures:
    county: str
    year: int
    figures: list[Figure]
    hours_per_meeting: float | None  # person-hours per meeting a grassroots unit attended
    # Meetings longer than an hour that grassroots units attended this year (None: measure not installed).
    over_an_hour: float | None = None

    def figure(self, code: str) -> Figure:
        found = next((f for f in self.figures if f.code == code), None)
        if found is None:
            raise KeyError(f"{code} is not registered: its component is not installed")
        return found


def county_office(county_code: str = COUNTY_CODE) -> Unit | None:
    return Unit.objects.filter(kind=UnitKind.PARTY_GOV_OFFICE, region__code=county_code).order_by("pk").first()


def article_figures(*, user: Any, office: Unit, year: int = YEAR_OF_ARTICLE) -> ArticleFigures:
    board = selectors.board(user=user, root=office, period=Period(YEAR, year))
    totals = board.totals
    figures = []
    for code in (DOCUMENTS, MEETINGS):
        measure = selectors.measure_get(code)
        if measure is None:
            continue
        this, last = totals.get(code, (0.0, 0.0))
        figures.append(
            Figure(code=code, label=str(measure.label), this=this, last=last, change=selectors.change(this, last), published=PUBLISHED.get(code))
        )
    attended = totals.get(MEETINGS, (0.0, 0.0))[0]
    hours = totals.get(MEETING_HOURS, (0.0, 0.0))[0]
    return ArticleFigures(
        county=office.region.name,
        year=year,
        figures=figures,
        hours_per_meeting=(hours / attended) if attended else None,
        over_an_hour=totals.get(MEETINGS_OVER_AN_HOUR, (0.0, 0.0))[0] if selectors.measure_get(MEETINGS_OVER_AN_HOUR) else None,
    )


def article_lines(result: ArticleFigures) -> list[str]:
    """The row as text (the management command prints it; the page shows the same)."""
    lines = [_("%(county)s, %(year)s against %(last)s:") % {"county": result.county, "year": result.year, "last": result.year - 1}]
    for f in result.figures:
        shown = "—" if f.change is None else f"{f.change * 100:+.1f}%"
        article_label = _("article")  # outside the f-string, where makemessages can see it
        published = "" if f.published is None else f" ({article_label}: {f.published * 100:+.1f}%)"
        lines.append(f"  {f.label}: {f.last:.0f} → {f.this:.0f}, {shown}{published}")
    if result.over_an_hour is not None:
        lines.append("  " + _("Meetings over an hour attended by the grassroots: %(count)d") % {"count": result.over_an_hour})
    if result.hours_per_meeting is not None:
        lines.append("  " + _("Person-hours per meeting attended: %(hours).2f") % {"hours": result.hours_per_meeting})
    return lines

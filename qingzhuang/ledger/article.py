"""The article's figures (DOMAIN.md, "The article's figures"), first part: the 镇安县 row that documents
and meetings can compute — documents issued and meetings held in 2024 against 2023, and the length of
meetings.

The article's −17.6% and −15.3% are counts of items: the documents the county's units issued and the
meetings they held. They come from the raw records through the apps' own selectors (the meetings
figures page's count of meetings held, the documents issued), never typed in. Deliveries to grassroots
units (收到文件数) and unit-attendances at meetings are burden measures from the board's rollups: they
are shown too, under their own labels, and never compared with the article. The article's published
values sit beside the counts only for 镇安县 in 2024.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
# The article's published values (to compare with, never to report): counts of documents issued and
# meetings held by 镇安县's units, 2024 against 2023.
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
    # Counts of items: documents issued, meetings held (the article's figures), keyed by their measure's code.
    figures: list[Figure]
    hours_per_meeting: float | None  # person-hours per meeting a grassroots unit attended
    # Meetings longer than an hour that grassroots units attended this year (None: measure not installed).
    over_an_hour: float | None = None
    # Burden measures from the rollups: deliveries to grassroots units, unit-attendances (never the article's).
    burden: list[Figure] = field(default_factory=list)
    # Whether the article's published values apply (镇安县, 2024): beside another county they mean nothing.
    is_article_row: bool = False

    def figure(self, code: str) -> Figure:
        found = next((f for f in self.figures if f.code == code), None)
        if found is None:
            raise KeyError(f"{code} is not registered: its component is not installed")
        return found

    def burden_figure(self, code: str) -> Figure:
        found = next((f for f in self.burden if f.code == code), None)
        if found is None:
            raise KeyError(f"{code} is not registered: its component is not installed")
        return found


def county_office(county_code: str = COUNTY_CODE) -> Unit | None:
    return Unit.objects.filter(kind=UnitKind.PARTY_GOV_OFFICE, region__code=county_code).order_by("pk").first()


def article_figures(*, user: Any, office: Unit, year: int = YEAR_OF_ARTICLE) -> ArticleFigures:
    period = Period(YEAR, year)
    is_article_row = office.region.code == COUNTY_CODE and year == YEAR_OF_ARTICLE
    counts = selectors.items_pushed_down(user=user, root=office, period=period)
    totals = selectors.board(user=user, root=office, period=period).totals
    figures, burden = [], []
    for code in (DOCUMENTS, MEETINGS):
        measure = selectors.measure_get(code)
        if measure is None:
            continue
        if code in counts:
            this_count, last_count = counts[code]
            figures.append(
                Figure(
                    code=code, label=str(measure.items_label), this=float(this_count), last=float(last_count),
                    change=selectors.change(this_count, last_count), published=PUBLISHED.get(code) if is_article_row else None,
                )
            )
        this, last = totals.get(code, (0.0, 0.0))
        burden.append(Figure(code=code, label=str(measure.label), this=this, last=last, change=selectors.change(this, last), published=None))
    attended = totals.get(MEETINGS, (0.0, 0.0))[0]
    hours = totals.get(MEETING_HOURS, (0.0, 0.0))[0]
    return ArticleFigures(
        county=office.region.name,
        year=year,
        figures=figures,
        hours_per_meeting=(hours / attended) if attended else None,
        over_an_hour=totals.get(MEETINGS_OVER_AN_HOUR, (0.0, 0.0))[0] if selectors.measure_get(MEETINGS_OVER_AN_HOUR) else None,
        burden=burden,
        is_article_row=is_article_row,
    )


def _line(f: Figure) -> str:
    shown = "—" if f.change is None else f"{f.change * 100:+.1f}%"
    article_label = _("article")  # outside the f-string, where makemessages can see it
    published = "" if f.published is None else f" ({article_label}: {f.published * 100:+.1f}%)"
    return f"  {f.label}: {f.last:.0f} → {f.this:.0f}, {shown}{published}"


def article_lines(result: ArticleFigures) -> list[str]:
    """The row as text (the management command prints it; the page shows the same)."""
    lines = [_("%(county)s, %(year)s against %(last)s:") % {"county": result.county, "year": result.year, "last": result.year - 1}]
    lines += [_line(f) for f in result.figures]
    if result.burden:
        lines.append(_("Burden on the grassroots, counted as received:"))
        lines += [_line(f) for f in result.burden]
    if result.over_an_hour is not None:
        lines.append("  " + _("Meetings over an hour attended by the grassroots: %(count)d") % {"count": result.over_an_hour})
    if result.hours_per_meeting is not None:
        lines.append("  " + _("Person-hours per meeting attended: %(hours).2f") % {"hours": result.hours_per_meeting})
    return lines

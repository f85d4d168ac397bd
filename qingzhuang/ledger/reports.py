"""The monthly and annual 基层减负 reports for a county office: PDF (WeasyPrint) and .xlsx.

Built from the same selectors as the boards, so a report and the board it was generated from agree.
Charts are SVG rendered here (WeasyPrint runs no JavaScript); the font is the system's Noto Sans CJK SC.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from qingzhuang.audit.services import audit_created
from qingzhuang.ledger import selectors, svg
from qingzhuang.ledger.models import LedgerReport, ReportKind
from qingzhuang.ledger.periods import MONTH, YEAR, Period
from qingzhuang.ledger.tables import Table, workbook_add
from qingzhuang.org.models import Unit

Progress = Callable[[int, int, str], object]


class SystemActor:
    """Who reads the ledger for a scheduled report: every unit, like a system administrator; audited as "system"."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    pk = None
    username = "system"


SYSTEM = SystemActor()


@dataclass
class ReportContent:
    root: Unit
    kind: str
    period: Period
    board: selectors.Board
    boards: list[selectors.Board]  # one per measure: issuers and trend for each kind of burden
    generated: str

    @property
    def title(self) -> str:
        kind = _("Monthly grassroots burden report") if self.kind == ReportKind.MONTHLY else _("Annual grassroots burden report")
        return f"{self.root.name} · {kind} · {self.period.label}"

    @property
    def watch(self) -> Table:
        return self.board.heaviest


def report_content(*, user: Any, root: Unit, kind: str, period: Period) -> ReportContent:
    first = selectors.board(user=user, root=root, period=period)
    boards = [first] + [selectors.board(user=user, root=root, period=period, measure_code=m.code) for m in first.measures[1:]]
    return ReportContent(
        root=root,
        kind=kind,
        period=period,
        board=first,
        boards=boards,
        generated=timezone.localtime().strftime("%Y-%m-%d %H:%M"),
    )


def report_pdf(content: ReportContent) -> bytes:
    from weasyprint import HTML

    summary = content.board.summary
    charts = []
    for b in content.boards:
        top = b.issuers.rows[:12]
        charts.append(
            {
                "title": b.issuers.title,
                "svg": mark_safe(
                    svg.bar_chart(
                        categories=[r[0].text for r in top],
                        series=[(b.issuers.columns[1].label, [r[1].value for r in top]), (b.issuers.columns[2].label, [r[2].value for r in top])],
                    )
                ),
            }
        )
        charts.append(
            {
                "title": b.trend.title,
                "svg": mark_safe(
                    svg.column_chart(
                        categories=[str(i) for i in range(1, 13)],
                        series=[(b.trend.columns[1].label, b.trend.column_values(1)), (b.trend.columns[2].label, b.trend.column_values(2))],
                    )
                ),
            }
        )
    html = render_to_string(
        "ledger/report_pdf.html",
        {"content": content, "summary": summary, "charts": charts, "watch": content.watch, "boards": content.boards},
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()  # type: ignore[no-any-return]


def report_xlsx(content: ReportContent) -> bytes:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    generated = _("Generated %(when)s") % {"when": content.generated}
    subtitle = f"{content.title} · {generated}"
    tables: list[Table] = [content.board.summary, content.watch]
    for b in content.boards:
        tables += [b.issuers, b.trend]
    wb = Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    for table in tables:
        workbook_add(wb, table, subtitle=subtitle)
        if table.key == "trend" and table.rows:
            sheet = wb.worksheets[-1]
            chart = BarChart()
            chart.title = table.title
            chart.add_data(Reference(sheet, min_col=2, max_col=3, min_row=3, max_row=sheet.max_row), titles_from_data=True)
            chart.set_categories(Reference(sheet, min_col=1, min_row=4, max_row=sheet.max_row))
            sheet.add_chart(chart, "F4")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def board_pdf(*, actor: Any, root: Unit, period: Period, progress: Progress | None = None) -> bytes:
    """The board of ``root`` for any period (a quarter too) as a PDF, not kept as a report."""
    say = progress or (lambda _d, _t, _m: None)
    say(0, 2, _("Collecting the figures"))
    content = report_content(user=actor if getattr(actor, "is_authenticated", False) else SYSTEM, root=root, kind=kind_for(period),
                             period=period)
    say(1, 2, _("Drawing the PDF"))
    return report_pdf(content)


def report_generate(
    *, actor: Any, root: Unit, kind: str, period: Period, progress: Progress | None = None
) -> LedgerReport:
    """Build the report's PDF and .xlsx for ``root`` and keep them; audited."""
    say = progress or (lambda _d, _t, _m: None)
    reader = actor if getattr(actor, "is_authenticated", False) else SYSTEM
    say(0, 3, _("Collecting the figures"))
    content = report_content(user=reader, root=root, kind=kind, period=period)
    say(1, 3, _("Drawing the PDF"))
    pdf = report_pdf(content)
    say(2, 3, _("Writing the spreadsheet"))
    xlsx = report_xlsx(content)
    stem = f"ledger-{kind}-{root.pk}-{period.key}"
    creator = actor if getattr(actor, "is_authenticated", False) and not isinstance(actor, SystemActor) else None
    with transaction.atomic():
        report = LedgerReport(unit=root, kind=kind, period=period.key, created_by=creator)
        report.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
        report.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
        report.save()
        audit_created(actor=creator, obj=report, unit=root)
    say(3, 3, _("Done"))
    return report


def kind_for(period: Period) -> str:
    return ReportKind.MONTHLY if period.kind == MONTH else ReportKind.ANNUAL


def period_for(kind: str, key: str) -> Period:
    from qingzhuang.ledger.periods import period_parse

    period = period_parse(key, today=timezone.localdate())
    if kind == ReportKind.ANNUAL and period.kind != YEAR:
        return Period(YEAR, period.year)
    return period

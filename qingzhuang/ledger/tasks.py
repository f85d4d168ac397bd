"""Background work of the ledger: reports on demand (a qingzhuang.jobs job) and on a schedule.

Schedule (Celery beat, when a broker is configured) — settings:

    from celery.schedules import crontab
    CELERY_BEAT_SCHEDULE = {
        "ledger-reports": {"task": "qingzhuang.ledger.tasks.ledger_reports_scheduled", "schedule": crontab(day_of_month="1", hour="6", minute="0")},
    }

Without a broker, cron runs ``manage.py ledger_reports`` on the 1st of each month (last month's report,
and in January the annual report of the year before).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from celery import shared_task
from django.utils import timezone, translation

from qingzhuang.ledger.models import ReportKind
from qingzhuang.ledger.periods import MONTH, YEAR, Period
from qingzhuang.org.models import Unit, UnitKind


def report_job(job: Any, *, unit_id: int, kind: str, period: str, user_id: int | None = None) -> dict[str, Any]:
    """A jobs-system function: build one report with progress; the PDF is the job's result file."""
    from django.urls import reverse

    from qingzhuang.jobs.services import job_attach_file, job_progress
    from qingzhuang.ledger.reports import period_for, report_generate
    from qingzhuang.org import access
    from qingzhuang.org.models import User

    user = User.objects.get(pk=user_id) if user_id else None
    root = Unit.objects.get(pk=unit_id)
    if user is not None:
        access.require(user, "ledger.generate_reports", root)
    report = report_generate(
        actor=user,
        root=root,
        kind=kind,
        period=period_for(kind, period),
        progress=lambda done, total, message: job_progress(job, done, total, message, force=True),
    )
    job_attach_file(job, filename=f"ledger-{kind}-{root.pk}-{report.period}.pdf", content=report.pdf.read())
    return {
        "report_id": report.pk,
        "pdf": reverse("ledger:report_file", args=[report.pk, "pdf"]),
        "xlsx": reverse("ledger:report_file", args=[report.pk, "xlsx"]),
    }


def board_pdf_job(job: Any, *, unit_id: int, period: str, user_id: int | None = None) -> dict[str, Any]:
    """A jobs-system function: the board of ``unit_id`` for ``period`` as a PDF (the job's result file); nothing kept."""
    from qingzhuang.jobs.services import job_attach_file, job_progress
    from qingzhuang.ledger.periods import period_parse
    from qingzhuang.ledger.reports import board_pdf
    from qingzhuang.ledger.selectors import REPORT_PERM
    from qingzhuang.org import access
    from qingzhuang.org.models import User

    user = User.objects.get(pk=user_id) if user_id else None
    root = Unit.objects.get(pk=unit_id)
    if user is not None:
        access.require(user, REPORT_PERM, root)
    chosen = period_parse(period, today=timezone.localdate())
    pdf = board_pdf(actor=user, root=root, period=chosen, progress=lambda done, total, message: job_progress(job, done, total, message, force=True))
    job_attach_file(job, filename=f"ledger-board-{root.pk}-{chosen.key}.pdf", content=pdf)
    return {}


def due_periods(today: dt.date) -> list[tuple[str, Period]]:
    """What a run on ``today`` produces: last month's report, and in January last year's annual report."""
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    due = [(ReportKind.MONTHLY.value, Period(MONTH, last_month.year, last_month.month))]
    if today.month == 1:
        due.append((ReportKind.ANNUAL.value, Period(YEAR, today.year - 1)))
    return due


def reports_generate_for_counties(*, periods: list[tuple[str, Period]], say: Any = None) -> int:
    from qingzhuang.ledger.reports import report_generate

    made = 0
    with translation.override("zh-hans"):
        for office in Unit.objects.filter(kind=UnitKind.PARTY_GOV_OFFICE, is_active=True).order_by("path"):
            for kind, period in periods:
                report_generate(actor=None, root=office, kind=kind, period=period)
                made += 1
                if say:
                    say(f"{office.name} {kind} {period.key}")
    return made


@shared_task(name="qingzhuang.ledger.tasks.ledger_reports_scheduled")
def ledger_reports_scheduled() -> int:
    return reports_generate_for_counties(periods=due_periods(timezone.localdate()))

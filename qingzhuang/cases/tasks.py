"""Escalation of overdue cases on a schedule: hourly with Celery beat (settings.CELERY_BEAT_SCHEDULE), or cron running
``manage.py cases_escalate`` without a broker."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="qingzhuang.cases.tasks.cases_escalate_scheduled")
def cases_escalate_scheduled() -> int:
    from qingzhuang.cases.services import cases_escalate

    return cases_escalate()

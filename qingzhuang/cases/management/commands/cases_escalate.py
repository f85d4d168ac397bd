"""Escalate every overdue case not yet escalated (for cron when no Celery beat runs)."""

from typing import Any

from django.core.management.base import BaseCommand

from qingzhuang.cases.services import cases_escalate


class Command(BaseCommand):
    help = "Tell the lead department (or, before acceptance, the departments it was raised to) and the county office of every newly overdue case."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{cases_escalate()} cases escalated")

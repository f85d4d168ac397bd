"""Generate the 基层减负 reports for every county office (for cron when no Celery beat runs)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from qingzhuang.ledger.periods import MONTH, YEAR, period_parse
from qingzhuang.ledger.tasks import due_periods, reports_generate_for_counties


class Command(BaseCommand):
    help = "Generate monthly (--month 2026-10) and/or annual (--year 2025) reports; with neither, what is due today."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--month", help="YYYY-MM")
        parser.add_argument("--year", help="YYYY")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        periods = []
        if options["month"]:
            period = period_parse(options["month"], today=today)
            if period.kind != MONTH:
                raise CommandError("--month takes YYYY-MM")
            periods.append(("monthly", period))
        if options["year"]:
            period = period_parse(options["year"], today=today)
            if period.kind != YEAR:
                raise CommandError("--year takes YYYY")
            periods.append(("annual", period))
        made = reports_generate_for_counties(periods=periods or due_periods(today), say=self.stdout.write)
        self.stdout.write(f"{made} reports generated")

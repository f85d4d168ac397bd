"""Rebuild every ledger rollup from scratch from the registered measures' raw records."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from qingzhuang.ledger.measures import all_measures, measure_by_code
from qingzhuang.ledger.rebuild import ledger_differences, ledger_rebuild


class Command(BaseCommand):
    help = "Rebuild the burden ledger's rollups from raw records (all measures, or --measure CODE)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--measure", action="append", help="only this measure code (repeatable)")
        parser.add_argument("--from-year", type=int, help="first year to compute (default: ten years back)")
        parser.add_argument("--to-year", type=int, help="last year to compute (default: next year)")
        parser.add_argument("--check", action="store_true", help="compare the rollups with the raw records; write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            measures = [measure_by_code(c) for c in options["measure"]] if options["measure"] else list(all_measures())
        except KeyError as exc:
            raise CommandError(str(exc)) from exc
        if options["check"]:
            problems = ledger_differences(measures=measures, first_year=options["from_year"], last_year=options["to_year"])
            for line in problems[:50]:
                self.stdout.write(line)
            if problems:
                raise CommandError(f"{len(problems)} differences")
            self.stdout.write("the rollups agree with the raw records")
            return
        report = ledger_rebuild(
            measures=measures, first_year=options["from_year"], last_year=options["to_year"], progress=self.stdout.write
        )
        self.stdout.write(
            f"rebuilt {len(report.measures)} measures: {report.month_rows} unit-months, {report.flow_rows} flows in {report.seconds:.1f} s"
        )

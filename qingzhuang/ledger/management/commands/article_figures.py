"""Print the article's 镇安县 row that documents and meetings can compute, from the ledger."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from qingzhuang.ledger.article import COUNTY_CODE, YEAR_OF_ARTICLE, article_figures, article_lines, county_office
from qingzhuang.ledger.reports import SYSTEM


class Command(BaseCommand):
    help = "Print documents and meetings year-on-year for 镇安县 (2024 vs 2023) from the burden ledger."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--county", default=COUNTY_CODE)
        parser.add_argument("--year", type=int, default=YEAR_OF_ARTICLE)

    def handle(self, *args: Any, **options: Any) -> None:
        office = county_office(options["county"])
        if office is None:
            raise CommandError(f"no county office for {options['county']}: load the demo (manage.py demo)")
        with translation.override("zh-hans"):
            for line in article_lines(article_figures(user=SYSTEM, office=office, year=options["year"])):
                self.stdout.write(line)

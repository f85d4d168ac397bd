"""Write the import template workbook to a file."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from qingzhuang.org.imports import template_workbook


class Command(BaseCommand):
    help = "Write the .xlsx template for importing units, people and community profiles."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", help="Where to write the .xlsx file.")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        out.write_bytes(template_workbook())
        self.stdout.write(str(out))

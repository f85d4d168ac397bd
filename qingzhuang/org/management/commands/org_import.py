"""Import a workbook of units, people and community profiles from the terminal, as a given user."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from qingzhuang.org.imports import ImportFileError, import_workbook, upload_check
from qingzhuang.org.models import User


class Command(BaseCommand):
    help = "Import units, regions, people and community profiles from an .xlsx workbook: all rows or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The .xlsx workbook.")
        parser.add_argument("--as", dest="username", required=True, help="Import as this user (their scope applies).")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and write nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            actor = User.objects.get(username=options["username"], is_active=True)
        except User.DoesNotExist:
            raise CommandError(_("No active user named %(name)s.") % {"name": options["username"]}) from None
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        with path.open("rb") as fh:
            head = fh.read(8)
        try:
            upload_check(name=path.name, size=path.stat().st_size, head=head)
        except ImportFileError as exc:
            raise CommandError(exc.message, returncode=2) from None
        printed: dict[str, int] = {}

        def progress(done: int, total: int, message: str) -> None:
            # One line per 5% of each phase (every 2,000 rows while the total is unknown).
            step = (done * 20 // total) if total else done // 2000
            if not total:
                if printed.get(message, 0) < step:
                    printed[message] = step
                    self.stdout.write(f"{message} {done}")
                return
            if printed.get(message, -1) < step:
                printed[message] = step
                self.stdout.write(f"{message} {done}/{total} ({step * 5}%)")

        report = import_workbook(actor=actor, source=path, filename=path.name, dry_run=options["dry_run"], progress=progress)
        if not report.ok:
            self.stdout.write("")
            self.stdout.write("\t".join([_("Sheet"), _("Row"), _("Column"), _("Problem")]))
            for p in report.problems:
                self.stdout.write("\t".join([p.sheet or "—", str(p.row or "—"), p.column or "—", p.message]))
            if report.problem_count > len(report.problems):
                self.stdout.write(_("… and %(count)s more problems not listed.") % {"count": report.problem_count - len(report.problems)})
            raise CommandError(_("%(count)s problems found; nothing was written.") % {"count": report.problem_count}, returncode=1)
        counts = report.created
        if report.dry_run:
            message = _("Checked: %(units)s units, %(people)s people, %(profiles)s profiles can be imported.")
        else:
            message = _("Imported %(units)s units, %(regions)s regions, %(people)s people and %(profiles)s profiles.")
        self.stdout.write(self.style.SUCCESS(message % counts))

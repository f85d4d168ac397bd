"""Build the demo: the article's three places, their units and people, one user per role, and
whatever each component adds through its ``demo`` hook."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from qingzhuang.components import all_components
from qingzhuang.org.demo import DEMO_PASSWORD, DEMO_USERS, DemoContext
from qingzhuang.org.models import User


class Command(BaseCommand):
    help = "Load the demo data (the three places of the article) and print the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if the demo users already exist.")

    def handle(self, *args: Any, **options: Any) -> None:
        if User.objects.filter(username="admin").exists():
            if options["if_empty"]:
                self.stdout.write("Demo data already present.")
                self.print_logins()
                return
            self.stderr.write("Demo data already present; use a fresh database (make reset) to rebuild it.")
            return
        ctx = DemoContext(log=lambda m: self.stdout.write(m))
        with transaction.atomic():
            for component in all_components():
                if component.demo is not None:
                    component.demo(ctx)
        self.print_logins()

    def print_logins(self) -> None:
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        for username, role, unit_name, _below, _name, _kind in DEMO_USERS:
            self.stdout.write(f"  {username:<22} {role.label:<28} {unit_name}")

"""The county board with and without its cache, side by side, on the demo data. Prints figures; asserts nothing.

    .venv/bin/python bench/board_cache.py [--repeat 30]
    SQLITE_PATH=/tmp/qz_bench.sqlite3 .venv/bin/python bench/board_cache.py      # a fresh file: migrated and demo loaded first
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/qz_demo .venv/bin/python bench/board_cache.py

For 镇安县's board (the demo county office, as its reviewer) and each period — this year (not over: compared
with the same days of last year, the running month from raw records) and last year (whole) — it times, in the
same run and process:

- the whole request (Django test client: middleware, selectors, template): with the board's cache entry
  deleted before each request (uncached) and with it warm (cached);
- ``selectors.board`` alone, the same two ways.

Medians over --repeat runs (after one warm-up), SQL time from Django's execute wrapper, and the ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("QZ_AXES_ENABLED", "false")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from qingzhuang.ledger import selectors  # noqa: E402
from qingzhuang.ledger.article import county_office  # noqa: E402
from qingzhuang.ledger.measures import all_measures  # noqa: E402
from qingzhuang.ledger.periods import YEAR, Period  # noqa: E402
from qingzhuang.lib import clock  # noqa: E402
from qingzhuang.org.models import Role, RoleAssignment, User  # noqa: E402


class SqlClock:
    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start


def timed(func, *, before=None, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Median total and median SQL milliseconds of func() over ``repeat`` runs (one warm-up first)."""
    totals, sqls = [], []
    for n in range(repeat + 1):
        if before is not None:
            before()
        sql = SqlClock()
        with connection.execute_wrapper(sql):
            start = time.perf_counter()
            func()
            elapsed = time.perf_counter() - start
        if n:
            totals.append(elapsed * 1000)
            sqls.append(sql.seconds * 1000)
    return statistics.median(totals), statistics.median(sqls)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    office = county_office()
    if office is None:
        print("no demo data: loading it (manage.py demo) …", flush=True)
        call_command("demo", verbosity=0)
        office = county_office()
    assert office is not None
    reviewer = User.objects.create(username=f"bench_board_{time.time_ns()}", is_active=True)
    RoleAssignment.objects.create(user=reviewer, role=Role.COUNTY_REVIEWER, unit=office, include_below=True)
    setup_test_environment()
    client = Client()
    client.force_login(reviewer)
    client.get(reverse("ledger:board"))  # language, session and URL resolver warmed
    measure = all_measures()[0]
    today = clock.today()
    rows = []
    try:
        with translation.override("zh-hans"):
            for period in (Period(YEAR, today.year), Period(YEAR, today.year - 1)):
                url = reverse("ledger:board") + f"?unit={office.pk}&p={period.key}"
                key = selectors._board_key(reviewer, office, period, measure, today)

                # The view keeps the rendered tables beside the computed ones, under the same key.
                rendered = f"{key}:html:unit={office.pk}&p={period.key}&m={measure.code}"

                def forget(key: str = key, rendered: str = rendered) -> None:
                    cache.delete_many([key, rendered])

                def page(url: str = url) -> None:
                    response = client.get(url)
                    assert response.status_code == 200, response.status_code

                def computed(period: Period = period) -> None:
                    selectors.board(user=reviewer, root=office, period=period)

                uncached_page = timed(page, before=forget, repeat=args.repeat)
                cached_page = timed(page, repeat=args.repeat)
                uncached_selector = timed(computed, before=forget, repeat=args.repeat)
                cached_selector = timed(computed, repeat=args.repeat)
                rows.append((period.key, uncached_page, cached_page, uncached_selector, cached_selector))
    finally:
        reviewer.delete()

    engine = connection.vendor
    print(f"county board of {office.name} ({engine}, {args.repeat} runs each, medians in ms; SQL part in brackets)")
    print(f"{'period':<8} {'page uncached':>16} {'page cached':>14} {'ratio':>6}   {'board() uncached':>17} {'board() cached':>15} {'ratio':>6}")
    for key, up, cp, us, cs in rows:
        print(
            f"{key:<8} {up[0]:>8.1f} ({up[1]:>5.1f}) {cp[0]:>7.1f} ({cp[1]:>4.1f}) {up[0] / cp[0]:>5.1f}×"
            f"   {us[0]:>9.1f} ({us[1]:>5.1f}) {cs[0]:>8.1f} ({cs[1]:>4.1f}) {us[0] / cs[0]:>5.1f}×"
        )


if __name__ == "__main__":
    main()

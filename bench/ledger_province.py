"""Province-scale benchmark of the burden ledger on PostgreSQL. Prints figures; asserts nothing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/qz_bench .venv/bin/python bench/ledger_province.py \
        [--counties 100] [--units 200] [--per-unit 1000] [--repeat 15] [--keep [--rebuild]]

What it does, honestly:

- builds the org tree straight into the real tables (org_region, org_unit, org_communityprofile):
  ``--counties`` counties, each with an office, 20 departments, 10 towns and ``--units`` grassroots units
  (the towns count among them);
- generates the raw deliveries (item × receiving unit, 5 years 2021–2025, ``--per-unit`` per grassroots unit)
  **server-side** with ``INSERT … SELECT generate_series`` into a bench-only raw table ``bench_delivery`` —
  not the documents'/meetings' own tables — from which four bench measures compute (bench.ledger_bench_app);
- rebuilds every rollup from scratch (``ledger_rebuild``) and times it;
- times the county board, a community page and the summary by county (Django test client, median of
  ``--repeat`` requests, server time), the rollup queries inside those requests, and the naive queries
  over the raw rows for the same numbers;
- reports the peak RSS of this process, which serves the pages like a web worker.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.postgres_django import setup  # noqa: E402

setup(example_db="qz_bench", extra_apps="bench.ledger_bench_app")

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.province import (  # noqa: E402
    add_scale_arguments,
    build_org,
    median_ms,
    rss_mb,
    scalar,
    signed_in_clients,
    sql,
    timed,
    vacuum_rollups,
)
from qingzhuang.ledger.rebuild import ledger_rebuild  # noqa: E402
from qingzhuang.org.models import User  # noqa: E402


def build_raw(per_unit: int) -> int:
    """per_unit deliveries per grassroots unit over 2021–2025; 60% documents, a 10% fall each year."""
    sql("DROP TABLE IF EXISTS bench_delivery")
    sql(
        """
        CREATE UNLOGGED TABLE bench_delivery (
            id bigserial PRIMARY KEY, unit_id integer NOT NULL, issuer_id integer NOT NULL, kind smallint NOT NULL,
            day date NOT NULL, chars integer NOT NULL, hours real NOT NULL)
        """
    )
    sql(
        """
        INSERT INTO bench_delivery (unit_id, issuer_id, kind, day, chars, hours)
        SELECT u.id,
               CASE WHEN r < 0.8 THEN u.county_id + (floor(r * 26))::int %% 21 ELSE u.parent_id END,
               CASE WHEN r2 < 0.6 THEN 0 ELSE 1 END,
               DATE '2021-01-01' + (floor(power(r3, 1.12) * 1826))::int,
               1500 + (floor(r * 3000))::int,
               CASE WHEN r2 < 0.6 THEN 0 ELSE round((0.5 + r3 * 1.5)::numeric, 2)::real END
        FROM org_unit u, generate_series(1, %s) s,
             LATERAL (SELECT random() AS r, random() AS r2, random() AS r3, s AS touch) x
        WHERE u.kind IN ('town', 'community', 'village')
        """,
        [per_unit],
    )
    sql("CREATE INDEX bench_delivery_unit_day ON bench_delivery (unit_id, day)")
    sql("ANALYZE bench_delivery")
    sql("ANALYZE org_unit")
    return int(scalar("SELECT count(*) FROM bench_delivery"))


def naive_county(county_id: int, year: int) -> float:
    """The county board's numbers straight from raw rows: per receiver, per issuer, per month, this year and last."""
    start = time.perf_counter()
    for statement in (
        "SELECT d.unit_id, d.kind, count(*), sum(d.chars), sum(d.hours) FROM bench_delivery d JOIN org_unit u ON u.id = d.unit_id "
        "WHERE u.county_id = %s AND d.day >= %s AND d.day < %s GROUP BY 1, 2",
        "SELECT d.issuer_id, count(*) FROM bench_delivery d JOIN org_unit u ON u.id = d.unit_id "
        "WHERE u.county_id = %s AND d.kind = 0 AND d.day >= %s AND d.day < %s GROUP BY 1",
        "SELECT date_trunc('month', d.day), d.kind, count(*), sum(d.hours) FROM bench_delivery d JOIN org_unit u ON u.id = d.unit_id "
        "WHERE u.county_id = %s AND d.day >= %s AND d.day < %s GROUP BY 1, 2",
    ):
        for y in (year, year - 1):
            scalar(f"SELECT count(*) FROM ({statement}) q", [county_id, f"{y}-01-01", f"{y + 1}-01-01"])
    return (time.perf_counter() - start) * 1000


def naive_unit(unit_id: int, year: int) -> float:
    start = time.perf_counter()
    for y in (year, year - 1):
        scalar(
            "SELECT count(*) FROM (SELECT issuer_id, kind, count(*), sum(chars), sum(hours), date_trunc('month', day) "
            "FROM bench_delivery WHERE unit_id = %s AND day >= %s AND day < %s GROUP BY 1, 2, 6) q",
            [unit_id, f"{y}-01-01", f"{y + 1}-01-01"],
        )
    return (time.perf_counter() - start) * 1000


def naive_province(year: int) -> float:
    start = time.perf_counter()
    for y in (year, year - 1):
        scalar(
            "SELECT count(*) FROM (SELECT u.county_id, d.kind, count(*), sum(d.chars), sum(d.hours) FROM bench_delivery d "
            "JOIN org_unit u ON u.id = d.unit_id WHERE d.day >= %s AND d.day < %s GROUP BY 1, 2) q",
            [f"{y}-01-01", f"{y + 1}-01-01"],
        )
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    add_scale_arguments(parser)
    parser.add_argument("--keep", action="store_true", help="reuse the data of the previous run")
    parser.add_argument("--rebuild", action="store_true", help="with --keep: rebuild the rollups all the same")
    parser.add_argument("--rebuild-again", action="store_true", help="rebuild once more over the rollups just written (the realistic case)")
    args = parser.parse_args()
    year = 2025

    print(f"database: {connection.settings_dict['NAME']} on {connection.vendor}", flush=True)
    if not args.keep:
        print("building (time-boxed steps, all server-side):", flush=True)
        call_command("flush", interactive=False, verbosity=0)
        sql("DROP TABLE IF EXISTS bench_delivery")
        timed("org tree", lambda: build_org(args.counties, args.units))
        deliveries = timed("raw deliveries", lambda: build_raw(args.per_unit))
    else:
        deliveries = int(scalar("SELECT count(*) FROM bench_delivery"))
    units = int(scalar("SELECT count(*) FROM org_unit WHERE kind IN ('town', 'community', 'village')"))
    print(f"scale: {args.counties} counties, {units} grassroots units, {deliveries:,} deliveries (item × receiving unit), 2021–2025")

    for attempt in range((1 if not args.keep or args.rebuild else 0) + (1 if args.rebuild_again else 0)):
        over = "over the rollups already there" if attempt or args.keep else "into empty rollups"
        start = time.perf_counter()
        report = ledger_rebuild(first_year=2021, last_year=2025)
        rebuild_s = time.perf_counter() - start
        print(f"full rebuild {over}: {rebuild_s:.1f} s ({report.month_rows:,} unit-months, {report.flow_rows:,} flows)", flush=True)
    if not args.keep or args.rebuild or args.rebuild_again:
        vacuum_rollups()

    county = 100000
    community_id = county + 31 + 1
    reviewer_client, secretary_client = signed_in_clients(county, community_id)
    admin = User.objects.create(username=f"bench_admin_{time.time_ns()}", is_active=True, is_superuser=True)
    admin_client = Client()
    admin_client.force_login(admin)

    rss_before = rss_mb()
    board_ms, board_sql, board_n = median_ms(reviewer_client, f"/ledger/?unit={county}&p={year}&m=bench.documents", args.repeat)
    unit_ms, unit_sql, unit_n = median_ms(secretary_client, f"/ledger/units/{community_id}/?p={year}", args.repeat)
    province_ms, province_sql, province_n = median_ms(admin_client, f"/ledger/counties/?p={year}", args.repeat)
    rss_after = rss_mb()

    naive_board = statistics.median(naive_county(county, year) for _ in range(5))
    naive_community = statistics.median(naive_unit(community_id, year) for _ in range(5))
    naive_prov = statistics.median(naive_province(year) for _ in range(3))
    print(f"medians of {args.repeat} requests (server time, Django test client, after one warm-up request):")
    print("  page                  whole page   its rollup queries   naive raw queries   raw ÷ rollup")
    for name, page, rollup, n, naive in (
        ("county board", board_ms, board_sql, board_n, naive_board),
        ("community page", unit_ms, unit_sql, unit_n, naive_community),
        ("province summary", province_ms, province_sql, province_n, naive_prov),
    ):
        print(f"  {name:<20} {page:8.0f} ms   {rollup:8.1f} ms ({n:2d} q)   {naive:10.1f} ms       {naive / rollup:6.1f}×")
    print(f"peak RSS of this process serving the boards: {rss_after:.0f} MB (before serving: {rss_before:.0f} MB)")


if __name__ == "__main__":
    main()

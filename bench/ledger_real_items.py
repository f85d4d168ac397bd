"""The ledger over the real documents' and meetings' tables at province scale. Prints figures; asserts nothing.

    createdb -h 127.0.0.1 -U postgres qz_real
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/qz_real .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/qz_real .venv/bin/python bench/ledger_real_items.py [--keep]

bench/ledger_province.py measures the rollups against a narrow bench-only raw table. This one fills the
product's own tables instead — issued documents with their recipients, closed meetings with the units they
summoned (8 grassroots units each, all in the issuer's county) — to the same ~20 million deliveries, and times
what the real measures' queries cost: the rebuild of documents.* and meetings.* from scratch (the joins,
the 套开 check, the attendance lookup), then the county board and a community page on those rollups.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.postgres_django import setup  # noqa: E402

setup(example_db="qz_real")

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench.province import (  # noqa: E402
    add_scale_arguments,
    build_org,
    median_ms,
    rss_mb,
    scalar,
    signed_in_clients,
    sql,
    timed,
    vacuum,
    vacuum_rollups,
)
from qingzhuang.ledger.measures import all_measures  # noqa: E402
from qingzhuang.ledger.rebuild import ledger_rebuild  # noqa: E402

PER_ITEM = 8  # grassroots units each document is sent to, each meeting summons
BLOCK = 1000  # county c owns the unit ids 100000 + c*1000 …; its grassroots units are base+21 … base+20+units


def build_items(counties: int, units: int, per_unit: int) -> tuple[int, int]:
    """per_unit deliveries per grassroots unit over 2021–2025: 60% documents, 40% meetings, 8 receivers each."""
    documents = units * per_unit * 6 // 10 // PER_ITEM  # per county
    meetings = units * per_unit * 4 // 10 // PER_ITEM
    day = "DATE '2021-01-01' + (floor(power(random(), 1.12) * 1826))::int"
    sql(
        f"""
        INSERT INTO documents_document (id, title, kind, number, text, chars, demands_reports_back, is_task_deployment,
            status, issued_on, dated, quota_year, explanation, source_file, created, updated, issuer_id)
        SELECT c * %(d)s + n + 1, '基准文件' || n, 'red', '', '', 1500 + (n * 37) %% 3000, false, false,
               'issued', x.day, x.day, extract(year FROM x.day), '', '', now(), now(), 100000 + c * {BLOCK} + n %% 21
        FROM generate_series(0, %(c)s - 1) c, generate_series(0, %(d)s - 1) n, LATERAL (SELECT {day} AS day, n AS touch) x
        """,
        {"c": counties, "d": documents},
    )
    sql(
        f"""
        INSERT INTO documents_document_recipients (document_id, unit_id)
        SELECT c * %(d)s + n + 1, 100000 + c * {BLOCK} + 21 + (n * {PER_ITEM} + k) %% %(u)s
        FROM generate_series(0, %(c)s - 1) c, generate_series(0, %(d)s - 1) n, generate_series(0, {PER_ITEM} - 1) k
        """,
        {"c": counties, "d": documents, "u": units},
    )
    sql(
        f"""
        INSERT INTO meetings_meeting (id, topic, field, kind, format, location, starts_at, planned_minutes,
            principals_required, principals_count, follows_upper, status, filed, review_note, actual_minutes, held_on,
            quota_year, closed_at, sequence, created, updated, organiser_id)
        SELECT c * %(m)s + n + 1, '基准会议' || n, '民政', 'special', 'video', '', x.day + time '09:00', 45,
               false, 1, '', 'closed', true, '', 30 + (n * 13) %% 61, x.day, extract(year FROM x.day), now(), 0, now(), now(),
               100000 + c * {BLOCK} + n %% 21
        FROM generate_series(0, %(c)s - 1) c, generate_series(0, %(m)s - 1) n, LATERAL (SELECT {day} AS day, n AS touch) x
        """,
        {"c": counties, "m": meetings},
    )
    sql(
        f"""
        INSERT INTO meetings_meeting_attendees (meeting_id, unit_id)
        SELECT c * %(m)s + n + 1, 100000 + c * {BLOCK} + 21 + (n * {PER_ITEM} + k + 3) %% %(u)s
        FROM generate_series(0, %(c)s - 1) c, generate_series(0, %(m)s - 1) n, generate_series(0, {PER_ITEM} - 1) k
        """,
        {"c": counties, "m": meetings, "u": units},
    )
    for table in ("documents_document", "documents_document_recipients", "meetings_meeting", "meetings_meeting_attendees", "org_unit"):
        vacuum(table)
    return documents * counties, meetings * counties


def main() -> None:
    parser = argparse.ArgumentParser()
    add_scale_arguments(parser)
    parser.add_argument("--keep", action="store_true", help="reuse the items of the previous run")
    args = parser.parse_args()
    year = 2025

    print(f"database: {connection.settings_dict['NAME']} on {connection.vendor}", flush=True)
    if not args.keep:
        print("building (all server-side):", flush=True)
        call_command("flush", interactive=False, verbosity=0)
        timed("org tree", lambda: build_org(args.counties, args.units))
        documents, meetings = timed("documents and meetings", lambda: build_items(args.counties, args.units, args.per_unit))
    else:
        documents, meetings = int(scalar("SELECT count(*) FROM documents_document")), int(scalar("SELECT count(*) FROM meetings_meeting"))
    deliveries = int(scalar("SELECT count(*) FROM documents_document_recipients")) + int(scalar("SELECT count(*) FROM meetings_meeting_attendees"))
    print(f"scale: {args.counties} counties, {documents:,} issued documents, {meetings:,} closed meetings, {deliveries:,} deliveries")

    real = [m for m in all_measures() if m.code.startswith(("documents.", "meetings."))]
    for over in ("into empty rollups", "over the rollups already there"):
        start = time.perf_counter()
        report = ledger_rebuild(measures=real, first_year=2021, last_year=2025)
        print(f"rebuild of {len(real)} real measures {over}: {time.perf_counter() - start:.1f} s "
              f"({report.month_rows:,} unit-months, {report.flow_rows:,} flows)", flush=True)
    vacuum_rollups()

    county, community = 100000, 100000 + 31 + 1
    reviewer_client, secretary_client = signed_in_clients(county, community)
    board = median_ms(reviewer_client, f"/ledger/?unit={county}&p={year}&m=documents.received", args.repeat)
    unit = median_ms(secretary_client, f"/ledger/units/{community}/?p={year}", args.repeat)
    print(f"medians of {args.repeat} requests: county board {board[0]:.0f} ms (rollup queries {board[1]:.1f} ms), "
          f"community page {unit[0]:.0f} ms (rollup queries {unit[1]:.1f} ms)")
    print(f"peak RSS of this process: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

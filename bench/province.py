"""What the province-scale benchmarks share: the org tree built in SQL, timing helpers, the page clock.

Imported by bench/ledger_province.py and bench/ledger_real_items.py after they have set up Django.
"""

from __future__ import annotations

import resource
import statistics
import time
from typing import Any

from django.db import connection
from django.test import Client

PER_COUNTY = 1000  # id block per county
DEPARTMENTS, TOWNS = 20, 10


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sql(statement: str, params: list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def vacuum(table: str) -> None:
    """VACUUM ANALYZE as autovacuum would after a bulk write (it cannot run inside a transaction)."""
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {table}")


def scalar(statement: str, params: list | None = None):  # type: ignore[no-untyped-def]
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])
        return cursor.fetchone()[0]


def timed(label: str, func):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = func()
    print(f"  {label}: {time.perf_counter() - start:.1f} s", flush=True)
    return result


def build_org(counties: int, units: int) -> None:
    """Regions and units with explicit ids: county c owns ids 100000 + c*1000 …; paths are id chains."""
    sql("INSERT INTO org_region (id, code, name, level, parent_id, path, pinyin, initials) VALUES (1, '690000', '基准省', 1, NULL, '/1/', '', '')")
    grassroots = units - TOWNS
    sql(
        """
        INSERT INTO org_region (id, code, name, level, parent_id, path, pinyin, initials)
        SELECT 100000 + c * 1000, '69' || lpad((c + 1)::text, 4, '0'), '基准县' || c, 3, 1, '/1/' || (100000 + c * 1000) || '/', '', ''
        FROM generate_series(0, %s - 1) c
        """,
        [counties],
    )
    # Towns' and grassroots units' regions share the unit's id (ids are free in both tables).
    sql(
        """
        INSERT INTO org_region (id, code, name, level, parent_id, path, pinyin, initials)
        SELECT b + 21 + t, NULL, '基准镇' || c || '-' || t, 4, b, '/1/' || b || '/' || (b + 21 + t) || '/', '', ''
        FROM generate_series(0, %s - 1) c, LATERAL (SELECT 100000 + c * 1000 AS b) x, generate_series(0, %s - 1) t
        """,
        [counties, TOWNS],
    )
    sql(
        """
        INSERT INTO org_region (id, code, name, level, parent_id, path, pinyin, initials)
        SELECT b + 31 + g, NULL, '基准社区' || c || '-' || g, 5, b + 21 + g %% %s,
               '/1/' || b || '/' || (b + 21 + g %% %s) || '/' || (b + 31 + g) || '/', '', ''
        FROM generate_series(0, %s - 1) c, LATERAL (SELECT 100000 + c * 1000 AS b) x, generate_series(0, %s - 1) g
        """,
        [TOWNS, TOWNS, counties, grassroots],
    )
    unit_cols = "(id, name, short_name, kind, region_id, parent_id, county_id, path, pinyin, initials, is_active)"
    sql(
        f"""
        INSERT INTO org_unit {unit_cols}
        SELECT b, '基准县' || c || '委办公室', '', 'office', b, NULL, b, '/' || b || '/', '', '', true
        FROM generate_series(0, %s - 1) c, LATERAL (SELECT 100000 + c * 1000 AS b) x
        """,
        [counties],
    )
    sql(
        f"""
        INSERT INTO org_unit {unit_cols}
        SELECT b + d, '基准县' || c || '部门' || d, '', 'department', b, b, b, '/' || b || '/' || (b + d) || '/', '', '', true
        FROM generate_series(0, %s - 1) c, LATERAL (SELECT 100000 + c * 1000 AS b) x, generate_series(1, %s) d
        """,
        [counties, DEPARTMENTS],
    )
    sql(
        f"""
        INSERT INTO org_unit {unit_cols}
        SELECT b + 21 + t, '基准镇' || c || '-' || t || '人民政府', '', 'town', b + 21 + t, b, b, '/' || b || '/' || (b + 21 + t) || '/', '', '', true
        FROM generate_series(0, %s - 1) c, LATERAL (SELECT 100000 + c * 1000 AS b) x, generate_series(0, %s - 1) t
        """,
        [counties, TOWNS],
    )
    sql(
        f"""
        INSERT INTO org_unit {unit_cols}
        SELECT b + 31 + g, '基准社区' || c || '-' || g, '', CASE WHEN g %% 3 = 0 THEN 'village' ELSE 'community' END,
               b + 31 + g, b + 21 + g %% %s, b, '/' || b || '/' || (b + 21 + g %% %s) || '/' || (b + 31 + g) || '/', '', '', true
        FROM generate_series(0, %s - 1) c, LATERAL (SELECT 100000 + c * 1000 AS b) x, generate_series(0, %s - 1) g
        """,
        [TOWNS, TOWNS, counties, grassroots],
    )
    sql(
        """
        INSERT INTO org_communityprofile (unit_id, valid_from, valid_to, households, residents, staff)
        SELECT id, DATE '2021-01-01', NULL, 300 + (id %% 3000), 900 + (id %% 9000), 4 + (id %% 12)
        FROM org_unit WHERE kind IN ('community', 'village')
        """
    )


class SqlClock:
    """Sums the time of the statements that read the rollups (tables ledger_ledger*) while it is installed."""

    def __init__(self) -> None:
        self.ms = 0.0
        self.statements = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            if "ledger_ledger" in sql:
                self.ms += (time.perf_counter() - start) * 1000
                self.statements += 1


def median_ms(client: Client, url: str, repeat: int) -> tuple[float, float, int]:
    """Median server time of ``url`` and median time of its rollup queries (ms), and their count."""
    times, rollup_ms, statements = [], [], 0
    for _ in range(repeat + 1):
        clock = SqlClock()
        with connection.execute_wrapper(clock):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        rollup_ms.append(clock.ms)
        statements = clock.statements
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times[1:]), statistics.median(rollup_ms[1:]), statements  # the first request warms caches


def vacuum_rollups() -> None:
    from qingzhuang.ledger.models import ROLLUP_KEYS

    for model in ROLLUP_KEYS:
        vacuum(model._meta.db_table)


def add_scale_arguments(parser: Any) -> None:
    parser.add_argument("--counties", type=int, default=100)
    parser.add_argument("--units", type=int, default=200, help="grassroots units per county (towns included)")
    parser.add_argument("--per-unit", type=int, default=1000, help="deliveries per grassroots unit over 5 years")
    parser.add_argument("--repeat", type=int, default=15)


def signed_in_clients(county: int, community: int) -> tuple[Client, Client]:
    """Test clients of a new county reviewer (the county's office, units below) and a community secretary."""
    from django.test.utils import setup_test_environment

    from qingzhuang.org.models import Role, RoleAssignment, User

    reviewer = User.objects.create(username=f"bench_reviewer_{time.time_ns()}", is_active=True)
    RoleAssignment.objects.create(user=reviewer, role=Role.COUNTY_REVIEWER, unit_id=county, include_below=True)
    secretary = User.objects.create(username=f"bench_secretary_{time.time_ns()}", is_active=True)
    RoleAssignment.objects.create(user=secretary, role=Role.COMMUNITY_SECRETARY, unit_id=community)
    setup_test_environment()
    clients = Client(), Client()
    clients[0].force_login(reviewer)
    clients[1].force_login(secretary)
    return clients

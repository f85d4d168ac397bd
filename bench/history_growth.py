"""Server time of the home page and the review queues as 镇安县's history grows tenfold. Prints figures; asserts nothing.

    .venv/bin/python bench/history_growth.py [--factor 10] [--repeat 25]           # a temporary SQLite file
    createdb -h 127.0.0.1 -U postgres qz_speed
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/qz_speed .venv/bin/python bench/history_growth.py \\
        [--recipients-millions 12]                                                 # then: dropdb … qz_speed

Builds the demo, times the pages (Django test client, median of --repeat requests after one warm-up, with the
number of SQL statements and their median time), then copies each document 镇安县 issued --factor − 1 times
into earlier years with what the services write for an issued document — its recipients, its near-duplicate
keys, its events (create, submit, review start, approve, issue), its audit events, a gate check and its
ledger rows — and times the same pages again, printing after/before ratios (issue 8 asks ≤1.2 at 10×).

With --recipients-millions (PostgreSQL only) it then adds issued documents with 8 recipients each through
SQL generate_series until the recipient table holds that many millions of rows, prints EXPLAIN ANALYZE of
the review queue's and the home page's attention queries, and times the pages once more.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--factor", type=int, default=10, help="issued documents after growth / before")
parser.add_argument("--repeat", type=int, default=25)
parser.add_argument("--keep", action="store_true", help="keep the temporary SQLite database and print where it is")
parser.add_argument("--slowest", type=int, default=0, help="print this many slowest statements of each page")
parser.add_argument("--only-sql", action="store_true", help="the PostgreSQL database already holds the demo: go straight to --recipients-millions")
parser.add_argument("--recipients-millions", type=float, default=0.0, help="PostgreSQL: grow the recipient table to this size and explain")
args = parser.parse_args()

_tmp = tempfile.TemporaryDirectory(prefix="qz-history-")
_dir = tempfile.mkdtemp(prefix="qz-history-") if args.keep else _tmp.name
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["QZ_AXES_ENABLED"] = "false"
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["QZ_VAR_DIR"] = _dir
if not os.environ.get("DATABASE_URL"):
    os.environ["SQLITE_PATH"] = str(Path(_dir) / "history.sqlite3")
    if args.keep:
        print(f"the database: {os.environ['SQLITE_PATH']}")
    if args.recipients_millions:
        sys.exit("--recipients-millions needs DATABASE_URL to an empty PostgreSQL database")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from qingzhuang.audit.models import Event  # noqa: E402
from qingzhuang.documents import selectors as documents  # noqa: E402
from qingzhuang.documents.models import Document, DocumentEvent, DocumentKey, Status  # noqa: E402
from qingzhuang.documents.services import CHARS_RECEIVED, RECEIVED  # noqa: E402
from qingzhuang.gate.models import GateCheck  # noqa: E402
from qingzhuang.ledger.services import ledger_add_many  # noqa: E402
from qingzhuang.meetings import selectors as meetings  # noqa: E402
from qingzhuang.org.models import Region, User  # noqa: E402
from qingzhuang.web.navigation import attention_for  # noqa: E402

COUNTY = "611025"
YEARS_PER_COPY = 4  # the demo's history spans 2023–2026: copy k lands 4k years earlier
Recipients = Document.recipients.through


class SqlClock:
    def __init__(self) -> None:
        self.ms = 0.0
        self.statements = 0
        self.each: list[tuple[float, str]] = []

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            ms = (time.perf_counter() - start) * 1000
            self.ms += ms
            self.statements += 1
            self.each.append((ms, sql))


def median_ms(client: Client, url: str, repeat: int) -> tuple[float, float, float, int]:
    """Medians over ``repeat`` requests of ``url``: wall time, this process's CPU time and time in SQL (ms); statements."""
    times, cpu, sql_ms, statements = [], [], [], 0
    for _ in range(repeat + 1):
        clock = SqlClock()
        with connection.execute_wrapper(clock):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        sql_ms.append(clock.ms)
        statements = clock.statements
    SLOWEST[url] = sorted(clock.each, reverse=True)[: args.slowest]
    return statistics.median(times[1:]), statistics.median(cpu[1:]), statistics.median(sql_ms[1:]), statements


SLOWEST: dict[str, list[tuple[float, str]]] = {}  # the slowest statements of the last request of each page


def pages() -> list[tuple[str, str, str]]:
    return [
        ("zhenan_reviewer", "home page (county reviewer)", "/"),
        ("zhenan_reviewer", "documents review queue", reverse("documents:review_list")),
        ("zhenan_reviewer", "meetings review queue", reverse("meetings:review_queue")),
        ("zhenan_clerk", "home page (department clerk)", "/"),
        ("zhenan_clerk", "documents list (department clerk)", reverse("documents:list")),
    ]


def measure(label: str) -> dict[str, tuple[float, float, float, int]]:
    clients: dict[str, Client] = {}
    for username, _, _ in pages():
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
    issued = Document.objects.filter(issuer__county__code=COUNTY, status=Status.ISSUED).count()
    print(f"\n{label}: {issued:,} issued documents in 镇安县, {Recipients.objects.count():,} recipient rows", flush=True)
    print(f"  {'page (medians of ' + str(args.repeat) + ')':<36} {'server':>10} {'CPU':>10} {'SQL':>10}")
    found = {}
    for username, name, url in pages():
        found[name] = median_ms(clients[username], url, args.repeat)
        total, cpu, sql_ms, statements = found[name]
        print(f"  {name:<36} {total:7.1f} ms {cpu:7.1f} ms {sql_ms:7.1f} ms in {statements} statements", flush=True)
        for ms, sql in SLOWEST[url]:
            print(f"      {ms:7.1f} ms  {sql[:150]}")
    return found


def shifted(day: dt.date | None, years: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def copy_of(model_obj: Any, **overrides: Any) -> Any:
    """A new unsaved row with every concrete field of ``model_obj`` (whatever fields the model has today)."""
    model = type(model_obj)
    values = {f.attname: getattr(model_obj, f.attname) for f in model._meta.concrete_fields if not f.primary_key}
    values.update(overrides)
    return model(**values)


def grow(factor: int) -> None:
    """Each issued document of 镇安县, factor − 1 times more, with what the services write when one is issued."""
    base = list(Document.objects.filter(issuer__county__code=COUNTY, status=Status.ISSUED).order_by("pk"))
    base_ids = [d.pk for d in base]
    recipients: dict[int, list[int]] = {}
    for doc_id, unit_id in Recipients.objects.filter(document_id__in=base_ids).values_list("document_id", "unit_id"):
        recipients.setdefault(doc_id, []).append(unit_id)
    keys: dict[int, list[DocumentKey]] = {}
    for key in DocumentKey.objects.filter(document_id__in=base_ids):
        keys.setdefault(key.document_id, []).append(key)
    steps = [("create", "", Status.DRAFT), ("submit", Status.DRAFT, Status.SUBMITTED), ("review_start", Status.SUBMITTED, Status.IN_REVIEW),
             ("approve", Status.IN_REVIEW, Status.APPROVED), ("issue", Status.APPROVED, Status.ISSUED)]
    started = time.perf_counter()
    for k in range(1, factor):
        with transaction.atomic():
            copies = [copy_of(d, issued_on=shifted(d.issued_on, YEARS_PER_COPY * k), plan_line_id=None, merged_into_id=None) for d in base]
            Document.objects.bulk_create(copies, batch_size=500)
            pairs = list(zip(base, copies, strict=True))
            Recipients.objects.bulk_create(
                [Recipients(document_id=c.pk, unit_id=u) for b, c in pairs for u in recipients.get(b.pk, [])], batch_size=5000
            )
            DocumentKey.objects.bulk_create([copy_of(key, document_id=c.pk) for b, c in pairs for key in keys.get(b.pk, [])], batch_size=5000)
            DocumentEvent.objects.bulk_create(
                [DocumentEvent(document_id=c.pk, action=a, from_status=f, to_status=t) for _, c in pairs for a, f, t in steps], batch_size=5000
            )
            Event.objects.bulk_create(
                [Event(actor_name="system", action="create" if a == "create" else "update", model="documents.document", object_id=str(c.pk),
                       object_repr=c.title[:200], unit_id=c.issuer_id, changes={"status": [f, t]})
                 for _, c in pairs for a, f, t in steps],
                batch_size=5000,
            )
            GateCheck.objects.bulk_create(
                [GateCheck(item_type="documents.document", item_id=c.pk, outcome="pass", verdicts=[]) for _, c in pairs], batch_size=5000
            )
            rows = [(u, c.issued_on, 1.0, c.issuer_id) for b, c in pairs for u in recipients.get(b.pk, [])]
            chars = [(u, c.issued_on, float(c.chars), c.issuer_id) for b, c in pairs for u in recipients.get(b.pk, [])]
            ledger_add_many(measure=RECEIVED, rows=rows)
            ledger_add_many(measure=CHARS_RECEIVED, rows=chars)
    print(f"\ngrew ×{factor} in {time.perf_counter() - started:.0f} s", flush=True)


def analyze() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def grow_sql(millions: float) -> None:
    """Issued documents (copies of one demo document's row) with 8 recipients each, by generate_series."""
    target = int(millions * 1_000_000)
    have = Recipients.objects.count()
    documents_needed = max(0, (target - have) // 8)
    county = Region.objects.get(code=COUNTY)
    template = Document.objects.filter(issuer__county=county, status=Status.ISSUED).order_by("pk").first()
    assert template is not None
    table = Document._meta.db_table
    columns = [f.column for f in Document._meta.concrete_fields if not f.primary_key]
    override = {
        "issuer_id": "i.issuers[1 + n %% cardinality(i.issuers)]",
        "issued_on": "DATE '1990-01-01' + (n %% 12000)::int",
        "plan_line_id": "NULL",
        "merged_into_id": "NULL",
        "title": "'历史文件' || n",
        "text": "''",  # the table's size at 1.5 million documents stays in reach; the pages never read it
        "fingerprint": "NULL",
    }
    select = ", ".join(override.get(c, f"t.{c}") for c in columns)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM " + table)
        first_id = cursor.fetchone()[0]
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} FROM {table} t, generate_series(1, %s) n, "
            f"(SELECT array_agg(id ORDER BY id) AS issuers FROM org_unit WHERE county_id = %s AND kind IN ('office', 'department')) i "
            f"WHERE t.id = %s",
            [documents_needed, county.pk, template.pk],
        )
        print(f"  {documents_needed:,} documents: {time.perf_counter() - started:.0f} s", flush=True)
        cursor.execute(
            f"""
            INSERT INTO {Recipients._meta.db_table} (document_id, unit_id)
            SELECT d.id, g.units[1 + (d.id * 7 + j * 13) %% cardinality(g.units)]
            FROM {table} d, generate_series(0, 7) j,
                 (SELECT array_agg(id ORDER BY id) AS units FROM org_unit WHERE county_id = %s AND kind IN ('town', 'community', 'village')) g
            WHERE d.id > %s
            """,
            [county.pk, first_id],
        )
        print(f"  recipients: {time.perf_counter() - started:.0f} s", flush=True)
    analyze()


def explain() -> None:
    reviewer = User.objects.get(username="zhenan_reviewer")
    clerk = User.objects.get(username="zhenan_clerk")
    queries = [
        ("documents review queue (reviewer)", documents.review_queue(reviewer)),
        ("documents returned to the clerk (home attention)", documents.document_list(user=clerk, status=Status.RETURNED, mine=True)),
        ("meetings review queue (reviewer)", meetings.review_queue(reviewer)),
        ("documents list, first page (clerk)", documents.document_list(user=clerk)[:50]),
    ]
    for label, qs in queries:
        print(f"\nEXPLAIN ANALYZE — {label}:")
        print(qs.explain(analyze=True))
    started = time.perf_counter()
    attention_for(reviewer)
    print(f"\nattention items of the reviewer's home page: {(time.perf_counter() - started) * 1000:.1f} ms")


def main() -> None:
    setup_test_environment()
    if args.only_sql:
        measure("as found")
        sql_scale()
        return
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("demo", stdout=io.StringIO())
    analyze()
    print(f"demo built in {time.perf_counter() - started:.0f} s ({connection.vendor})", flush=True)
    before = measure("before")
    grow(args.factor)
    analyze()
    after = measure(f"after ×{args.factor}")
    print("\nafter/before (issue 8 asks ≤1.2 for the home page and the review queue at ×10; CPU is this process's, SQLite")
    print("included, and does not count waiting for the machine's other load; on PostgreSQL the server's work is in SQL):")
    print(f"  {'page':<36} {'server':>10} {'CPU':>10} {'SQL':>10}")
    for name in before:
        ratios = [after[name][i] / before[name][i] if before[name][i] else float("nan") for i in range(3)]
        print(f"  {name:<36} {ratios[0]:10.2f} {ratios[1]:10.2f} {ratios[2]:10.2f}")
    if args.recipients_millions:
        sql_scale()


def sql_scale() -> None:
    print(f"\ngrowing the recipient table to {args.recipients_millions:g} million rows (generate_series)", flush=True)
    grow_sql(args.recipients_millions)
    measure(f"at {args.recipients_millions:g} million recipient rows")
    explain()


if __name__ == "__main__":
    main()

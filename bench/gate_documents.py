"""Benchmark the whole gate check for a new document against an archive of N documents in the database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_gate .venv/bin/python bench/gate_documents.py --n 20000
    DATABASE_URL=... .venv/bin/python bench/gate_documents.py --n 1000000 --time-box 3600

Every check runs all document rules (quota, length, near-duplicates through the indexed DocumentKey
table, reply demand, only-reduce, relabelling) exactly as document_submit does, without storing the
result. The archive is generated with qingzhuang.lib.doc_corpus (realistic Chinese texts, 800–5,000
字), fingerprinted in worker processes and loaded in batches (COPY on PostgreSQL). The archive is kept
between runs: a rerun with the same or smaller N reuses it; a larger N adds the missing documents.
Queries: half are derived from archive documents (reworded, excerpt, upper-level copy, relabelled,
traditional script), half fresh. Brute force = exact verification against every archive document,
timed for a sample of queries; recall = share of the brute-force matches (≥ threshold) the index finds.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from qingzhuang.documents import duplicates  # noqa: E402
from qingzhuang.documents.models import Document, DocumentKey, Status  # noqa: E402
from qingzhuang.documents.rules import ITEM_KIND  # noqa: E402
from qingzhuang.gate.rules import GateContext, gate_run  # noqa: E402
from qingzhuang.lib import doc_corpus  # noqa: E402
from qingzhuang.lib import near_duplicates as nd  # noqa: E402
from qingzhuang.lib.chinese_text import count_zi  # noqa: E402

BATCH = 2000
SEED_BASE = 10_000_000  # archive document i is base_recipe(SEED_BASE + i)


def make(i: int) -> tuple[str, str, int, bytes, list[tuple[int, int]], int]:
    doc = doc_corpus.build(doc_corpus.base_recipe(SEED_BASE + i))
    fp = nd.fingerprint(doc.text)
    return doc.title[:200], doc.text, count_zi(doc.text), fp.to_bytes(), fp.band_key_rows(), fp.chunk_count


def world() -> tuple[Any, Any]:
    from qingzhuang.org.models import Unit
    from qingzhuang.org.testing import build_world

    office = Unit.objects.filter(name="镇安县委办公室").first()
    if office is None:
        w = build_world()
        return w.office, w.civil_affairs
    return office, Unit.objects.get(name="镇安县民政局")


def load_archive(n: int, issuer: Any, time_box: float) -> int:
    have = Document.objects.filter(status=Status.ISSUED, issuer=issuer).count()
    if have >= n:
        n = have
    started = time.perf_counter()
    print(f"generating documents {have}..{n} with {os.cpu_count()} processes")
    with multiprocessing.Pool() as pool:
        for lo in range(have, n if n > have else have, BATCH * 5):
            if time.perf_counter() - started > time_box:
                print(f"time box of {time_box:.0f} s reached at {lo} documents")
                break
            made = pool.map(make, range(lo, min(n, lo + BATCH * 5)), chunksize=100)
            with transaction.atomic():
                docs = Document.objects.bulk_create([
                    Document(issuer=issuer, title=t, text=x, chars=c, fingerprint=f, status=Status.ISSUED, issued_on="2024-06-01")
                    for t, x, c, f, _r, _n in made
                ], batch_size=BATCH)
                _keys([(d.pk, rows, count) for d, (_t, _x, _c, _f, rows, count) in zip(docs, made, strict=True)], issuer.county_id)
            done = lo + len(made)
            if done % 20000 < BATCH * 5:
                print(f"  {done} documents, {time.perf_counter() - started:.0f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics, or the planner scans the key table
            cursor.execute(f"ANALYZE {DocumentKey._meta.db_table}")
            cursor.execute(f"ANALYZE {Document._meta.db_table}")
    return Document.objects.filter(status=Status.ISSUED, issuer=issuer).count()


def _keys(rows: list[tuple[int, list[tuple[int, int]], int]], county_id: int) -> None:
    if connection.vendor == "postgresql":
        buffer = io.StringIO()
        for doc_id, keys, count in rows:
            for key, chunk in keys:
                buffer.write(f"{key}\t{doc_id}\t{chunk}\t{count}\t{county_id}\n")
        buffer.seek(0)
        with connection.cursor() as cursor, cursor.copy(
            f"COPY {DocumentKey._meta.db_table} (key, document_id, chunk_no, chunk_count, county_id) FROM STDIN"
        ) as copy:
            copy.write(buffer.read())
    else:
        DocumentKey.objects.bulk_create(
            [DocumentKey(key=k, document_id=d, chunk_no=c, chunk_count=n, county_id=county_id) for d, keys, n in rows for k, c in keys],
            batch_size=5000,
        )


def queries(count: int, n: int, rng: random.Random) -> list[tuple[str, str]]:
    kinds = ["reworded", "excerpt", "upper_copy", "relabelled", "traditional"]
    out = []
    for q in range(count):
        if q % 2 == 0:
            source = doc_corpus.base_recipe(SEED_BASE + rng.randrange(n))
            kind = kinds[q // 2 % len(kinds)]
            out.append((kind, doc_corpus.build({"kind": kind, "seed": 500 + q, "source": source}).text))
        else:
            out.append(("fresh", doc_corpus.build(doc_corpus.base_recipe(90_000_000 + q)).text))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--checks", type=int, default=200)
    parser.add_argument("--brute", type=int, default=4, help="queries also answered by brute force")
    parser.add_argument("--time-box", type=float, default=1800, help="seconds allowed for generating the archive")
    args = parser.parse_args()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    office, civil = world()
    n = load_archive(args.n, office, args.time_box)
    keys = DocumentKey.objects.count() if n < 200_000 else None
    print(f"archive: {n} documents" + (f", {keys} key rows" if keys else ""))

    rng = random.Random(7)
    drafts = []
    for kind, text in queries(args.checks, n, rng):
        doc = Document(issuer=civil, title=f"bench {kind}", text=text, chars=count_zi(text), fingerprint=nd.fingerprint(text).to_bytes())
        drafts.append((kind, doc))
    Document.objects.bulk_create([d for _k, d in drafts])
    timings, found = [], {}
    try:
        for _kind, doc in drafts:
            ctx = GateContext(item=doc, item_kind=ITEM_KIND, issuer=civil, county=civil.county, today=__import__("datetime").date(2026, 11, 26))
            t0 = time.perf_counter()
            report = gate_run(ctx=ctx)
            timings.append((time.perf_counter() - t0) * 1000)
            dup = next(v for v in report.verdicts if v.rule == "document.duplicates")
            found[doc.pk] = {m["id"] for m in dup.evidence.get("matches", [])}
        timings.sort()
        p95 = timings[int(0.95 * (len(timings) - 1))]
        print(f"gate check (all rules), {len(timings)} checks: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms")
        by_kind: dict[str, list[bool]] = {}
        for kind, doc in drafts:
            by_kind.setdefault(kind, []).append(bool(found[doc.pk]))
        print("  flagged a near-duplicate: " + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(by_kind.items())))

        # Brute force: exact verification against every archive document (texts streamed from the DB).
        # Derived queries first: a single brute-force query should be one that has matches to recall.
        derived = (args.brute + 1) // 2
        sample = [d for _k, d in drafts if not d.title.endswith("fresh")][:derived] + [d for _k, d in drafts if d.title.endswith("fresh")][: args.brute - derived]
        hits = misses = 0
        brute_ms = []
        for doc in sample:
            t0 = time.perf_counter()
            exact = duplicates.brute_force(doc.text, Document.objects.filter(status=Status.ISSUED, issuer=office).values_list("pk", "text").iterator(chunk_size=2000), threshold=0.5)
            brute_ms.append((time.perf_counter() - t0) * 1000)
            expected = {e.document_id for e in exact}
            hits += len(expected & found[doc.pk])
            misses += len(expected - found[doc.pk])
        if not brute_ms:
            print("brute force skipped (--brute 0)")
            return
        recall = hits / (hits + misses) if hits + misses else 1.0
        print(f"brute force, {len(sample)} queries: median {statistics.median(brute_ms):.0f} ms per query over {n} documents")
        print(f"recall against brute force at threshold 0.5: {recall:.3f} ({hits} of {hits + misses} matches)")
    finally:
        Document.objects.filter(pk__in=[d.pk for _k, d in drafts]).delete()


if __name__ == "__main__":
    main()

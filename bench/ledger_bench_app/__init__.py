"""Bench-only app for bench/ledger_province.py: a raw delivery table and four measures computed from it.

Installed only by the benchmark (QZ_EXTRA_APPS=bench.ledger_bench_app). The raw table ``bench_delivery``
(item × receiving unit, one row per delivery) stands in for the documents' and meetings' own tables,
which are not province-sized; its measures return QuerySets, as a real measure may, so the rebuild sums
them in the database.
"""

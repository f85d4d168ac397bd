"""Parallel clients for the race tests: each call runs in its own thread with its own database connection, all released
at once by a barrier, so they really meet at the row locks (PostgreSQL; SQLite serialises every writer, so the race tests
skip there and say why).

    outcomes = run_together([lambda: services.booking_make(...), ...])   # "ok" or the refusal's code, one per call
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from django.db import connection, connections

from qingzhuang.lib.errors import DomainError

OK = "ok"


def require_postgres(what: str) -> None:
    """Skip (printing why) unless the tests run on PostgreSQL: ``what`` names the race."""
    if connection.vendor != "postgresql":
        reason = f"{what}: this needs PostgreSQL row locks (SQLite serialises every writer); run with DATABASE_URL=postgres://…"
        print(f"SKIPPED: {reason}")  # noqa: T201 - the reason is printed, not only kept in the report
        pytest.skip(reason)


def run_together(calls: Sequence[Callable[..., Any]], *, ok: str = OK) -> list[str]:
    """Run the calls at once; each gives ``ok``, or the code of the domain error that refused it (any other exception
    fails the test). A call that returns a list of outcomes (several steps in one client) adds them all."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def run(call: Callable[..., Any]) -> None:
        results: list[str] = []
        try:
            barrier.wait()
            try:
                returned = call()
                results = list(returned) if isinstance(returned, list) else [ok]
            except DomainError as exc:
                results = [exc.code]
        except BaseException as exc:
            failures.append(exc)
        finally:
            connections.close_all()
        with lock:
            outcomes.extend(results)

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return outcomes

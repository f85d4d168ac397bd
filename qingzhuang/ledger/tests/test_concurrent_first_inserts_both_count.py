"""Two transactions add to the same unit, month and measure for the first time at once: both count."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction

from qingzhuang.ledger.models import LedgerFlow, LedgerMonth
from qingzhuang.ledger.services import ledger_add

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def test_concurrent_first_inserts_of_the_same_row_both_count(world, ledger_testapp):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers (one write transaction at a time); the race needs PostgreSQL")
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def add() -> None:
        try:
            with transaction.atomic():
                barrier.wait(timeout=10)
                ledger_add(measure="testapp.visits", unit_id=world.xincheng.pk, day=dt.date(2024, 5, 2), amount=1, issuer_id=world.education.pk)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=add) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert LedgerMonth.objects.get(unit=world.xincheng, measure="testapp.visits").value == 2.0
    assert LedgerFlow.objects.get(unit=world.xincheng, measure="testapp.visits").value == 2.0

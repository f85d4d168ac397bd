import datetime as dt

import pytest

from qingzhuang.ledger.models import LedgerFlow, LedgerMonth
from qingzhuang.ledger.services import ledger_add, ledger_add_many

pytestmark = pytest.mark.django_db


def test_adding_twice_in_a_month_sums_into_one_row_and_one_flow(world, ledger_testapp):
    ledger_add(measure="testapp.visits", unit_id=world.xincheng.pk, day=dt.date(2024, 3, 5), amount=2, issuer_id=world.civil_affairs.pk)
    ledger_add(measure="testapp.visits", unit_id=world.xincheng.pk, day=dt.date(2024, 3, 28), amount=3, issuer_id=world.civil_affairs.pk)

    row = LedgerMonth.objects.get(unit=world.xincheng, measure="testapp.visits")
    assert (row.month, row.value) == (dt.date(2024, 3, 1), 5.0)
    flow = LedgerFlow.objects.get(unit=world.xincheng, measure="testapp.visits")
    assert (flow.issuer_id, flow.value) == (world.civil_affairs.pk, 5.0)


def test_a_negative_amount_takes_back_and_an_unknown_issuer_counts_only_for_the_receiver(world, ledger_testapp):
    ledger_add_many(
        measure="testapp.visits",
        rows=[
            (world.xincheng.pk, dt.date(2024, 3, 5), 4, world.education.pk),
            (world.xincheng.pk, dt.date(2024, 3, 6), 1, None),
            (world.changfa.pk, dt.date(2024, 4, 1), 1, world.education.pk),
        ],
    )
    ledger_add(measure="testapp.visits", unit_id=world.xincheng.pk, day=dt.date(2024, 3, 9), amount=-4, issuer_id=world.education.pk)

    months = dict(LedgerMonth.objects.values_list("unit_id", "value"))
    assert months == {world.xincheng.pk: 1.0, world.changfa.pk: 1.0}
    flows = {(f.unit_id, f.issuer_id): f.value for f in LedgerFlow.objects.all()}
    assert flows == {(world.xincheng.pk, world.education.pk): 0.0, (world.changfa.pk, world.education.pk): 1.0}


def test_an_undeclared_measure_is_refused_and_nothing_is_written(world):
    with pytest.raises(KeyError, match="unknown ledger measure"):
        ledger_add(measure="nobody.declared", unit_id=world.xincheng.pk, day=dt.date(2024, 3, 5), amount=1)
    assert not LedgerMonth.objects.exists()

import datetime as dt
import random

import pytest
from django.db.models import F

from qingzhuang.ledger.measures import Direction, Measure, measure_by_code
from qingzhuang.ledger.models import LedgerCountyMonth, LedgerFlow, LedgerMonth, LedgerYear
from qingzhuang.ledger.rebuild import ledger_differences, ledger_rebuild
from qingzhuang.ledger.testing import rollup_rows
from qingzhuang.org.models import CommunityProfile

pytestmark = pytest.mark.django_db


def _snapshot(code: str) -> dict[str, dict]:
    """Every rollup's rows of the measure, without the measure code in the key."""
    return {name: {key[1:]: value for key, value in rows.items()} for name, rows in rollup_rows(code).items()}


def test_after_a_random_sequence_of_changes_the_rebuild_equals_the_incremental_rollups(world, ledger_testapp):
    rng = random.Random(4)
    receivers = [world.xincheng.pk, world.changfa.pk, world.yongle.pk, world.xikou.pk]
    issuers = [world.civil_affairs.pk, world.education.pk, world.office.pk, None]
    live: list[int] = []
    for _ in range(400):
        if live and rng.random() < 0.35:
            ledger_testapp.visit_delete(visit_id=live.pop(rng.randrange(len(live))))
        else:
            day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(730))
            visit = ledger_testapp.visit_create(
                unit_id=rng.choice(receivers), day=day, people=rng.choice([1, 2, 3, 0.5, 1.25]), issuer_id=rng.choice(issuers)
            )
            live.append(visit.id)
    incremental = _snapshot("testapp.visits")
    assert all(incremental.values()), "the sequence left something in every rollup"
    assert ledger_differences(measures=[measure_by_code("testapp.visits")], first_year=2020) == []

    report = ledger_rebuild(measures=[measure_by_code("testapp.visits")], first_year=2020)

    assert _snapshot("testapp.visits") == incremental
    assert report.month_rows == len(incremental["LedgerMonth"])


def test_a_rebuild_leaves_the_other_measures_alone(world, ledger_testapp):
    ledger_testapp.visit_create(unit_id=world.xincheng.pk, day=dt.date(2024, 2, 2), people=2, issuer_id=world.office.pk)
    other = LedgerMonth.objects.create(unit=world.changfa, measure="documents.received", month=dt.date(2024, 1, 1), value=7)

    ledger_rebuild(measures=[measure_by_code("testapp.visits")], first_year=2020)

    assert LedgerMonth.objects.get(pk=other.pk).value == 7


def test_a_measure_that_returns_a_queryset_is_summed_by_the_database_with_the_same_result(world):
    # A measure computed from real rows (community profiles here): staff on the day each profile starts,
    # issued by the unit above. The database path and the Python path must agree.
    def compute(start, end):
        return CommunityProfile.objects.filter(valid_from__gte=start, valid_from__lt=end).values_list(
            "unit_id", "valid_from", "staff", "unit__parent_id"
        )

    measure = Measure(code="test.staff", label="Staff", unit_label="people", direction=Direction.BURDEN, weight=1, compute=compute)

    ledger_rebuild(measures=[measure], first_year=2020)
    in_database = _snapshot("test.staff")
    measure_python = Measure(
        code="test.staff", label="Staff", unit_label="people", direction=Direction.BURDEN, weight=1, compute=lambda s, e: list(compute(s, e))
    )
    ledger_rebuild(measures=[measure_python], first_year=2020)

    assert in_database == _snapshot("test.staff")
    assert in_database["LedgerMonth"][(world.xincheng.pk, dt.date(2024, 1, 1))] == 11
    assert in_database["LedgerYear"][(world.xincheng.pk, 2024)] >= 11
    assert in_database["LedgerFlow"][(world.xincheng.pk, dt.date(2024, 1, 1), world.yongle.pk)] == 11
    assert in_database["LedgerCountyMonth"][(world.xincheng.county_id, dt.date(2024, 1, 1))] >= 11


def _staff_measure(*, in_python: bool) -> Measure:
    def compute(start, end):
        rows = CommunityProfile.objects.filter(valid_from__gte=start, valid_from__lt=end).values_list(
            "unit_id", "valid_from", "staff", "unit__parent_id"
        )
        return list(rows) if in_python else rows

    return Measure(code="test.staff", label="Staff", unit_label="people", direction=Direction.BURDEN, weight=1, compute=compute)


@pytest.mark.parametrize("in_python", [False, True], ids=["in the database", "in Python"])
def test_the_check_finds_a_changed_a_missing_and_a_stray_rollup_row(world, in_python):
    measure = _staff_measure(in_python=in_python)
    ledger_rebuild(measures=[measure], first_year=2020)
    assert ledger_differences(measures=[measure], first_year=2020) == []

    LedgerYear.objects.filter(measure="test.staff", unit=world.xincheng, year=2024).update(value=F("value") + 1)
    LedgerFlow.objects.filter(measure="test.staff", unit=world.xincheng).delete()
    LedgerCountyMonth.objects.create(county=world.beilin, month=dt.date(2024, 6, 1), measure="test.staff", value=3)

    problems = ledger_differences(measures=[measure], first_year=2020)

    assert len(problems) == 3, problems
    assert {p.split()[1] for p in problems} == {"LedgerYear", "LedgerFlow", "LedgerCountyMonth"}
    assert any(f"({world.beilin.pk}, " in p and "the rollup keeps 3" in p for p in problems)

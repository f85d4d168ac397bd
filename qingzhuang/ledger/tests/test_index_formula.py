import datetime as dt

import pytest

from qingzhuang.ledger.index import Capacity, capacities_for, index_compute
from qingzhuang.ledger.measures import Direction, Measure
from qingzhuang.ledger.periods import Period, period_parse
from qingzhuang.org import services as org_services

pytestmark = pytest.mark.django_db

DOCS = Measure("t.docs", "Documents", "documents", Direction.BURDEN, 1.0, compute=lambda s, e: [])
HOURS = Measure("t.hours", "Hours", "hours", Direction.BURDEN, 0.5, compute=lambda s, e: [])
HELP = Measure("t.help", "Cases solved", "cases", Direction.HELP, 2.0, compute=lambda s, e: [])


def test_the_index_is_weighted_load_per_staff_member_per_month():
    capacity = Capacity(staff=11, residents=8895, households=3046, valid_from=dt.date(2024, 1, 1))

    result = index_compute(
        amounts={"t.docs": 120, "t.hours": 80, "t.help": 10}, capacity=capacity, period=Period("year", 2024), measures=[DOCS, HOURS, HELP]
    )

    # (120×1 + 80×0.5 − 10×2) ÷ 11 staff ÷ 12 months
    assert result.load == 140
    assert result.value == pytest.approx(140 / 11 / 12)
    assert [i.weighted for i in result.inputs] == [120, 40, -20]
    assert result.residents_per_staff == pytest.approx(8895 / 11)


def test_weights_come_from_settings_when_set(settings):
    settings.QZ_LEDGER_WEIGHTS = {"t.hours": 2.0}

    result = index_compute(amounts={"t.docs": 3, "t.hours": 1}, capacity=None, period=Period("month", 2024, 5), measures=[DOCS, HOURS])

    assert result.load == 5
    assert result.value is None  # no profile, no index


def test_the_capacity_is_the_profile_valid_in_the_period(world):
    org_services.profile_set(
        actor=None, unit=world.xincheng, valid_from=dt.date(2023, 1, 1), valid_to=dt.date(2023, 12, 31), households=2900, residents=8700, staff=10
    )

    before = capacities_for([world.xincheng.pk], period_parse("2023", today=dt.date(2026, 1, 1)))
    after = capacities_for([world.xincheng.pk], period_parse("2024-Q2", today=dt.date(2026, 1, 1)))

    assert before[world.xincheng.pk].staff == 10
    assert after[world.xincheng.pk].staff == 11


def test_periods_read_years_quarters_and_months():
    today = dt.date(2026, 11, 27)
    assert period_parse("2024-Q3", today=today).start == dt.date(2024, 7, 1)
    assert period_parse("2024-Q3", today=today).end == dt.date(2024, 10, 1)
    assert period_parse("2024-12", today=today).end == dt.date(2025, 1, 1)
    assert period_parse("2024", today=today).previous_year().key == "2023"
    assert period_parse("nonsense", today=today).key == "2026"

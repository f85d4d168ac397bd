"""The 小马拉大车 index divides by the staff on duty: on the roll at the period's end, less those seconded away on its
last day (approved, started, not back). The ledger keeps the staff away as a level, rebuilt from the raw records."""

import datetime as dt

import pytest
from django.urls import reverse

from qingzhuang.ledger import selectors as ledger
from qingzhuang.ledger.index import Capacity, capacities_for, index_compute
from qingzhuang.ledger.measures import measure_by_code
from qingzhuang.ledger.models import LedgerMonth
from qingzhuang.ledger.periods import period_parse
from qingzhuang.ledger.rebuild import ledger_rebuild
from qingzhuang.org.models import Unit
from qingzhuang.secondments import services
from qingzhuang.secondments.testing import approved, secondment_request

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = TODAY.isoformat()


def period(key):
    return period_parse(key, today=TODAY)


def away(world, key):
    this, _last = ledger._sums_by_unit_measure(Unit.objects.filter(pk=world.xincheng.pk), period(key), period(key).previous_year())
    return this.get(world.xincheng.pk, {}).get("secondments.away", 0.0)


def test_staff_on_duty_is_the_roll_less_those_away_on_the_periods_last_day(world):
    first = approved(world, person_name="李明", start_on=dt.date(2026, 3, 1), planned_end=dt.date(2026, 9, 1))
    approved(world, person_name="王芳", start_on=dt.date(2026, 6, 15), planned_end=dt.date(2026, 12, 15))
    secondment_request(world, person_name="张伟")  # asked, not approved: still at the post
    services.secondment_return(actor=world.secretary, secondment=first, returned_on=dt.date(2026, 9, 1))

    by_period = {key: capacities_for([world.xincheng.pk], period(key))[world.xincheng.pk] for key in ("2026-02", "2026-Q2", "2026-08", "2026-09")}

    assert {k: (c.staff, c.away, c.on_duty) for k, c in by_period.items()} == {
        "2026-02": (11, 0, 11), "2026-Q2": (11, 2, 9), "2026-08": (11, 2, 9), "2026-09": (11, 1, 10)}


def test_the_index_divides_the_load_by_the_staff_on_duty():
    from qingzhuang.ledger.measures import Direction, Measure

    docs = Measure(code="t.docs", label="Docs", unit_label="docs", direction=Direction.BURDEN, weight=1.0, compute=lambda s, e: [])
    full = Capacity(staff=11, residents=8895, households=3046, valid_from=dt.date(2024, 1, 1))
    net = Capacity(staff=11, residents=8895, households=3046, valid_from=dt.date(2024, 1, 1), away=2)
    nobody = Capacity(staff=2, residents=100, households=40, valid_from=dt.date(2024, 1, 1), away=2)

    results = [index_compute(amounts={"t.docs": 108}, capacity=c, period=period("2025"), measures=[docs]) for c in (full, net, nobody)]

    assert results[0].value == pytest.approx(108 / 11 / 12) and results[1].value == pytest.approx(108 / 9 / 12)
    assert results[1].residents_per_staff == pytest.approx(8895 / 9)
    assert results[2].value is None  # nobody on duty: no index rather than a division by zero


def test_the_community_page_says_the_roll_the_away_and_the_on_duty(world, client_for):
    approved(world, person_name="李明", start_on=dt.date(2026, 3, 1), planned_end=dt.date(2026, 9, 1))
    approved(world, person_name="王芳", start_on=dt.date(2026, 6, 15), planned_end=dt.date(2026, 12, 15))

    secretary = client_for(world.secretary).get(reverse("ledger:unit", args=[world.xincheng.pk]), {"p": "2026-08"}).content.decode()

    assert "在编社区工作者11人，借调在外2人，实际在岗9人" in secretary
    assert "李明" in secretary and "镇安县民政局" in secretary
    # The overdue one (ended 2026-09-01, not back) is flagged on the page of a later period.
    later = client_for(world.secretary).get(reverse("ledger:unit", args=[world.xincheng.pk]), {"p": "2026-10"}).content.decode()
    assert "逾期未返岗" in later
    api = client_for(world.secretary).get(f"/api/v1/ledger/units/{world.xincheng.pk}", {"p": "2026-08"}).json()["index"]
    assert (api["staff"], api["staff_away"], api["staff_on_duty"]) == (11, 2, 9)


def test_the_heaviest_table_shows_roll_away_and_on_duty(world):
    from qingzhuang.ledger.tests.data import fill

    fill(world)
    approved(world, person_name="李明", start_on=dt.date(2024, 3, 1), planned_end=dt.date(2024, 9, 1))

    board = ledger.board_uncached(user=world.reviewer, root=world.office, period=period("2024-05"), today=TODAY)
    columns = [c.label for c in board.heaviest.columns]
    row = next(r for r in board.heaviest.rows if r[0].text == "新城社区")

    assert columns[1:4] == ["在编社区工作者", "借调在外", "实际在岗"]
    assert [c.value for c in row[1:4]] == [11, 1, 10]


def test_the_staff_away_is_a_level_in_the_ledger_and_the_rebuild_keeps_it(world):
    first = approved(world, person_name="李明", start_on=dt.date(2025, 11, 1), planned_end=dt.date(2026, 5, 1))
    approved(world, person_name="王芳", start_on=dt.date(2026, 6, 15), planned_end=dt.date(2026, 12, 15))
    services.secondment_return(actor=world.secretary, secondment=first, returned_on=dt.date(2026, 4, 20))
    kept = sorted(LedgerMonth.objects.filter(measure="secondments.away").values_list("unit_id", "month", "value"))

    assert (away(world, "2025"), away(world, "2026-03"), away(world, "2026-05"), away(world, "2026")) == (1, 1, 0, 1)
    ledger_rebuild(measures=[measure_by_code("secondments.away")], first_year=2024, last_year=2027)
    assert sorted(LedgerMonth.objects.filter(measure="secondments.away").values_list("unit_id", "month", "value")) == kept
    items = ledger.unit_items(unit=world.xincheng, period=period("2026"), measure=measure_by_code("secondments.away")).rows
    assert len(items) == 1 and "王*" in items[0][0].text and "王芳" not in items[0][0].text

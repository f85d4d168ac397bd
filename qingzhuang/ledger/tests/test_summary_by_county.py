"""The summary by county: read from the county rollup for those who see every unit, from their own
units for everyone else; numbers equal the receivers' monthly rows, and the export equals the page."""

import datetime as dt

import pytest
from django.db.models import Sum
from django.urls import reverse

from qingzhuang.ledger.models import LedgerCountyMonth, LedgerMonth
from qingzhuang.ledger.services import ledger_add_many
from qingzhuang.ledger.tests.data import fill

pytestmark = pytest.mark.django_db
URL = reverse("ledger:counties")


def _fill_two_counties(world) -> None:
    fill(world)
    for year, count in ((2023, 4), (2024, 3)):
        rows = [(world.caochangpo.pk, dt.date(year, 3, 1 + n), 1.0, world.beilin_office.pk) for n in range(count)]
        ledger_add_many(measure="documents.received", rows=rows)


def _row(table, name):
    return next(r for r in table.rows if r[0].text == name)


def test_the_administrator_sees_every_county_with_year_on_year_change_and_a_total(world, client_for):
    _fill_two_counties(world)

    table = client_for(world.admin).get(URL, {"p": "2024"}).context["table"]

    zhenan, beilin, total = _row(table, "镇安县"), _row(table, "碑林区"), table.rows[-1]
    assert (zhenan[1].value, round(zhenan[2].value, 3)) == (16, -0.2)  # 8 + 8 documents against 10 + 10
    assert (beilin[1].value, round(beilin[2].value, 3)) == (3, -0.25)
    assert (total[1].value, round(total[2].value, 3)) == (19, round((19 - 24) / 24, 3))
    assert zhenan[0].url == reverse("ledger:board") + f"?unit={world.office.pk}&p=2024"
    assert table.note == ""


def test_the_county_rollup_equals_the_receivers_months_summed_per_county(world):
    _fill_two_counties(world)

    by_unit = LedgerMonth.objects.values_list("unit__county_id", "measure", "month").annotate(total=Sum("value")).order_by()
    by_county = {(c, m, mo): v for c, m, mo, v in LedgerCountyMonth.objects.values_list("county_id", "measure", "month", "value")}

    assert by_county == {(c, m, mo): v for c, m, mo, v in by_unit}


def test_a_county_reviewer_sees_only_the_units_of_their_scope(world, client_for):
    _fill_two_counties(world)

    table = client_for(world.reviewer).get(URL, {"p": "2024"}).context["table"]

    assert [r[0].text for r in table.rows] == ["镇安县"]
    assert table.rows[0][1].value == 16
    assert table.note


def test_the_street_officer_counts_only_their_street(world, client_for):
    _fill_two_counties(world)

    table = client_for(world.street_officer).get(URL, {"p": "2024"}).context["table"]

    assert [(r[0].text, r[1].value) for r in table.rows] == [("镇安县", 8)]


@pytest.mark.parametrize("persona", ["secretary", "rider", "clerk"])
def test_people_without_a_board_are_refused(world, client_for, persona):
    assert client_for(getattr(world, persona)).get(URL).status_code == 403


def test_the_province_filter_narrows_to_its_counties(world, client_for):
    _fill_two_counties(world)
    shaanxi = world.zhenan.parent.parent

    table = client_for(world.admin).get(URL, {"p": "2024", "region": shaanxi.pk}).context["table"]
    assert [r[0].text for r in table.rows] == ["碑林区", "镇安县", "合计"]  # by division code (610103, 611025), then the total

    assert client_for(world.admin).get(URL, {"region": world.zhenan.pk}).status_code == 404

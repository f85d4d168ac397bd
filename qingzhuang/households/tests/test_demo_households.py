"""The demo's 新渭路社区 helped ten households one-on-one in 2023–2024 (the article's "一对一帮扶10户"), counted from raw
help records by the selector the county board and the community page use: a household with only declined visits and
one helped only since 2025 do not count; a household helped many times counts once."""

import datetime as dt

import pytest

from qingzhuang.households import selectors
from qingzhuang.households.models import Help, HelpStatus, Household
from qingzhuang.households.views import unit_section
from qingzhuang.ledger.periods import YEAR, Period
from qingzhuang.riders.models import PointsEntry

pytestmark = pytest.mark.django_db


def test_the_demo_helps_ten_xinweilu_households_in_two_years_through_the_pages_selector(settings, client):
    settings.QZ_TODAY = "2026-11-27"
    from qingzhuang.households.demo import seed
    from qingzhuang.org.demo import DemoContext
    from qingzhuang.org.demo import seed as org_seed
    from qingzhuang.riders.demo import seed as riders_seed

    ctx = DemoContext()
    org_seed(ctx)
    riders_seed(ctx)
    seed(ctx)
    xinweilu = ctx.unit("新渭路社区")
    start, end = dt.date(2023, 1, 1), dt.date(2025, 1, 1)

    assert selectors.households_helped([xinweilu], start, end) == 10
    confirmed = Help.objects.filter(household__community=xinweilu, status=HelpStatus.CONFIRMED, done_on__gte=start, done_on__lt=end)
    assert confirmed.count() > 10  # many helps, ten households
    assert Help.objects.filter(household__community=xinweilu, done_on__gte=start, done_on__lt=end).values("household").distinct().count() == 11
    assert Household.objects.filter(community=xinweilu).count() == 14
    assert PointsEntry.objects.filter(act__startswith="help:").count() == Help.objects.filter(status=HelpStatus.CONFIRMED).count()

    assert selectors.county_figures(xinweilu.county, start, end)["helped"] == 10
    client.force_login(ctx.users["xinweilu_secretary"])
    page = client.get(f"/households/?community={xinweilu.pk}").content.decode()
    assert "<td>2023–2024</td><td>10</td>" in page
    for year in (2023, 2024):
        section = unit_section(ctx.users["xinweilu_secretary"], xinweilu, Period(YEAR, year))
        assert f'id="households-helped">{selectors.households_helped([xinweilu], dt.date(year, 1, 1), dt.date(year + 1, 1, 1))}<' in section

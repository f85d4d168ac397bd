"""The demo gives 镇安县 people on all four teams attached to communities, activities with hours and help requests, all
through the services; the other demo counties have none."""

import datetime as dt

import pytest

from qingzhuang.teams import selectors
from qingzhuang.teams.models import Activity, HelpRequest, Member, Team

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_the_four_teams_in_zhenan(db, settings):
    settings.QZ_TODAY = "2026-11-27"
    from qingzhuang.lib import clock
    from qingzhuang.org.demo import DemoContext
    from qingzhuang.org.demo import seed as org_seed
    from qingzhuang.teams.demo import PEOPLE, seed

    ctx = DemoContext()
    org_seed(ctx)
    seed(ctx)
    today = clock.today()
    zhenan = Member.objects.select_related("unit__county").earliest("id").unit.county

    figures = selectors.county_figures(zhenan, dt.date(today.year, 1, 1), dt.date(today.year + 1, 1, 1), today)

    assert figures["people"] == len(PEOPLE) >= 30
    assert all(n > 0 for _label, n in figures["teams"]) and len(figures["teams"]) == len(Team.choices)
    assert figures["hours"] > 0 and figures["bare_count"] > 0
    assert not Member.objects.exclude(unit__county=zhenan).exists() and not Activity.objects.exclude(community__county=zhenan).exists()
    assert sorted(HelpRequest.objects.values_list("status", flat=True)) == ["accepted", "asked", "declined"]
    assert selectors.requests_to_answer(ctx.users["zhenan_clerk"]).count() == 1
    assert selectors.callable_for(ctx.users["changfa_secretary"].roles.get().unit, today).count() >= 5

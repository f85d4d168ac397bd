"""The demo gives 镇安县 this year's research visits (done, counted in the ledger from the same records) and next
week's crowded week at 长发村: the second team was warned, gave a reason and is flagged for the county office."""

import datetime as dt

import pytest

from qingzhuang.ledger.models import LedgerYear
from qingzhuang.visits import selectors
from qingzhuang.visits.models import Visit, VisitPlace, VisitStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_done_visits_in_the_ledger_and_a_crowded_week_at_changfa(db, settings):
    settings.QZ_TODAY = "2026-11-27"
    from qingzhuang.org.demo import DemoContext
    from qingzhuang.org.demo import seed as org_seed
    from qingzhuang.visits.demo import seed

    ctx = DemoContext()
    org_seed(ctx)
    seed(ctx)

    changfa = ctx.unit("长发村")
    flagged = Visit.objects.get(crowded=True)
    assert changfa in flagged.places.all() and flagged.crowd_reason and flagged.status == VisitStatus.PLANNED
    crowd = selectors.crowding_of(flagged)
    assert crowd.flagged and crowd.crowds[0].place == changfa
    assert [v.team_name for v in crowd.crowds[0].others] == ["镇安县民政局社会救助调研组"]

    zhenan = ctx.counties["611025"]
    year = (dt.date(2026, 1, 1), dt.date(2027, 1, 1))
    places_done = VisitPlace.objects.filter(visit__status=VisitStatus.DONE, visit__organiser__county=zhenan).count()
    in_ledger = sum(LedgerYear.objects.filter(year=2026, measure=selectors.RECEIVED, unit__county=zhenan).values_list("value", flat=True))
    figures = selectors.county_figures(zhenan, *year)
    assert places_done > 0 and in_ledger == places_done == figures.received
    assert figures.flagged == 1
    assert selectors.incoming(ctx.unit("新渭路社区")).exists()

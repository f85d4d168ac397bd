"""The demo's 镇安县 meetings: the article's −15.3% for 2024 comes out of the raw records."""

import pytest

from qingzhuang.meetings.models import Meeting
from qingzhuang.meetings.selectors import county_year_figures
from qingzhuang.org.demo import DemoContext
from qingzhuang.org.demo import seed as org_seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    import time

    from qingzhuang.meetings.demo import seed

    ctx = DemoContext()
    org_seed(ctx)
    started = time.perf_counter()
    seed(ctx)
    print(f"meetings demo: {time.perf_counter() - started:.2f} s")  # noqa: T201 - reported with -s, never asserted
    return ctx


def test_the_demo_county_held_150_meetings_in_2023_and_127_in_2024_a_fall_of_15_3_percent(demo):
    figures = county_year_figures(county=demo.counties["611025"], year=2024)
    assert (figures.previous, figures.count, figures.change) == (150, 127, -15.3)
    assert figures.overruns == 0 and figures.without_decisions == 0
    assert figures.follow_ons == 2
    before = county_year_figures(county=demo.counties["611025"], year=2023)
    assert before.overruns > 0 and before.without_decisions > 0


def test_the_demo_leaves_a_too_long_and_a_repeat_meeting_for_the_reviewer(demo):
    from qingzhuang.meetings.tests.factories import verdict

    waiting = {m.topic: m for m in Meeting.objects.filter(status="submitted")}
    assert verdict(waiting["全县养老服务体系建设推进会"], "meeting.length")["outcome"] == "block"
    repeat = verdict(waiting["全县城乡低保专项治理工作调度会"], "meeting.repeat")
    assert repeat["outcome"] == "warn" and repeat["evidence"]["meetings"][0]["topic"] == "城乡低保专项治理工作推进会"


def test_the_other_demo_counties_held_fewer_meetings_each_year_and_their_featured_community_attended_them(demo):
    from qingzhuang.ledger.models import LedgerYear
    from qingzhuang.meetings import ledger
    from qingzhuang.meetings.demo import FEATURED, OTHER_COUNTIES
    from qingzhuang.org.models import Unit

    for code, counts in OTHER_COUNTIES.items():
        county = demo.counties[code]
        full_years = sorted(y for y in counts if y < 2026)
        held = [county_year_figures(county=county, year=y).count for y in full_years]
        assert held == [counts[y] for y in full_years]
        assert held == sorted(held, reverse=True)
        featured = Unit.objects.get(county=county, name=FEATURED[code])
        attended = Meeting.objects.filter(attendees=featured, held_on__year=2024).count()
        assert attended == counts[2024]
        in_ledger = LedgerYear.objects.get(unit=featured, measure=ledger.ATTENDED, year=2024)
        assert in_ledger.value == counts[2024]

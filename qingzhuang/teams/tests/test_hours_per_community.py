"""Hours per community count only the activities held in that community: a person attached to two communities gives
each of them only what was given there, and the hours of the two add up to the person's total once."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import translation

from qingzhuang.ledger.periods import YEAR, Period
from qingzhuang.teams import selectors, services, views
from qingzhuang.teams.testing import cadre

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def _two_communities(world):
    member = cadre(world)
    services.member_attach(actor=world.clerk, member=member, community=world.changfa, since=dt.date(2026, 1, 1))
    services.activity_record(actor=world.clerk, community=world.xincheng, day=dt.date(2026, 3, 2), title="入户走访", hours="3", members=[member])
    services.activity_record(actor=world.clerk, community=world.changfa, day=dt.date(2026, 3, 3), title="政策宣讲", hours="2", members=[member])
    return member


def test_a_person_attached_to_two_communities_gives_each_only_the_hours_given_there(world):
    member = _two_communities(world)
    start, end = dt.date(2026, 1, 1), dt.date(2027, 1, 1)

    assert selectors.hours_given([member], start, end, community=world.xincheng) == {member.pk: Decimal("3.0")}
    assert selectors.hours_given([member], start, end, community=world.changfa) == {member.pk: Decimal("2.0")}
    assert selectors.hours_given([member], start, end) == {member.pk: Decimal("5.0")}


def test_the_community_page_shows_the_hours_given_in_that_community_only(world):
    translation.activate("zh-hans")
    _two_communities(world)
    period = Period(YEAR, 2026)

    xincheng = views.unit_section(world.reviewer, world.xincheng, period)
    changfa = views.unit_section(world.reviewer, world.changfa, period)

    assert re.search(r"服务3(\.0)?小时", xincheng) and not re.search(r"服务5", xincheng)
    assert re.search(r"服务2(\.0)?小时", changfa) and not re.search(r"服务5", changfa)


def test_the_board_counts_each_hour_once_for_the_county(world):
    _two_communities(world)

    figures = selectors.county_figures(world.zhenan, dt.date(2026, 1, 1), dt.date(2027, 1, 1), dt.date(2026, 11, 27))

    assert (figures["hours"], figures["activities"]) == (Decimal("5.0"), 2)

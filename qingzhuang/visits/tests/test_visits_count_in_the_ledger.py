"""A research visit done counts once per place in the ledger (visits received), on its first day, from raw records
(the rebuild gives the same figure); the community page lists it with who came and why; the county board shows
visits received and crowded bookings flagged. A cancelled or planned visit counts nothing; a liaison visit is not
a burden."""

import datetime as dt

import pytest
from django.urls import reverse

from qingzhuang.ledger.models import LedgerYear
from qingzhuang.ledger.periods import Period
from qingzhuang.visits import selectors, services
from qingzhuang.visits.testing import MONDAY, TODAY, book, pair
from qingzhuang.visits.views import board_section, unit_section

pytestmark = pytest.mark.django_db


def _received(unit):
    return LedgerYear.objects.filter(unit=unit, year=2026, measure=selectors.RECEIVED).values_list("value", flat=True).first() or 0


def test_done_research_visits_count_per_place_and_match_the_rebuild(world, settings):
    settings.QZ_TODAY = TODAY
    two_places = book(world.civil_affairs, [world.changfa, world.xincheng], team_name="民政局养老调研组")
    cancelled = book(world.education, [world.changfa], start_on=MONDAY + dt.timedelta(days=9), end_on=MONDAY + dt.timedelta(days=9))
    pair(world.civil_affairs, world.changfa)
    liaison = book(world.civil_affairs, [world.changfa], kind="liaison", start_on=MONDAY + dt.timedelta(days=20),
                   end_on=MONDAY + dt.timedelta(days=20))
    services.visit_cancel(actor=None, visit=cancelled, reason="改期")
    settings.QZ_TODAY = "2026-12-28"
    services.visit_done(actor=None, visit=two_places)
    services.visit_done(actor=None, visit=liaison)

    assert (_received(world.changfa), _received(world.xincheng)) == (1, 1)
    rebuilt = sorted(selectors.received_compute(dt.date(2026, 1, 1), dt.date(2027, 1, 1)))
    assert rebuilt == sorted([(world.changfa.pk, MONDAY, 1.0, world.civil_affairs.pk), (world.xincheng.pk, MONDAY, 1.0, world.civil_affairs.pk)])
    items = selectors.received_items(world.changfa, dt.date(2026, 1, 1), dt.date(2027, 1, 1))
    assert [i[0] for i in items] == ["民政局养老调研组（镇安县民政局）：了解养老服务政策落实情况"]


def test_the_community_page_and_the_county_board_show_visits(world, client_for, settings):
    settings.QZ_TODAY = TODAY
    done = book(world.civil_affairs, [world.xincheng], team_name="民政局养老调研组")
    book(world.education, [world.xincheng], team_name="教育局学前调研组", crowd_reason="与市局同行")
    settings.QZ_TODAY = MONDAY.isoformat()
    services.visit_done(actor=None, visit=done)

    page = client_for(world.reviewer).get(reverse("ledger:unit", args=[world.xincheng.pk]) + "?p=2026").content.decode()
    assert "接受的调研" in page and "民政局养老调研组" in page and "即将来访" in page and "教育局学前调研组" in page
    board = board_section(world.reviewer, world.office, Period("year", 2026))
    assert 'id="visits-board"' in board and "扎堆调研预警" in board and "教育局学前调研组" in board
    assert selectors.county_figures(world.zhenan, dt.date(2026, 1, 1), dt.date(2027, 1, 1)).received == 1
    assert board_section(world.outsider, world.office, Period("year", 2026)) == ""
    assert unit_section(world.outsider, world.xincheng, Period("year", 2026)) == ""
    assert "民政局养老调研组" not in client_for(world.outsider).get(reverse("ledger:unit", args=[world.xincheng.pk]) + "?p=2026").content.decode()

"""Signboards (挂牌): plaques recorded against the county's allowed list, the excess flagged to the issuing department
and the county office and taken down with a date and a photo reference; a new plaque asked by a department passes the
gate. On the ledger they are a level: a period reads the plaques standing at its end, not a sum of months."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.audit.models import Event
from qingzhuang.duties import selectors, services
from qingzhuang.duties.errors import DutyError
from qingzhuang.duties.models import Signboard, SignboardStatus
from qingzhuang.gate.services import rule_setting_set
from qingzhuang.ledger import selectors as ledger
from qingzhuang.ledger.measures import measure_by_code
from qingzhuang.ledger.models import LedgerMonth
from qingzhuang.ledger.periods import period_parse
from qingzhuang.ledger.rebuild import ledger_rebuild
from qingzhuang.org.models import Unit

pytestmark = pytest.mark.django_db
CODES = ("duties.signboards_hung", "duties.signboards_excess", "duties.signboards_removed")


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def record(world, name, placement="outside", since=dt.date(2024, 3, 1), issuer=None, unit=None):
    return services.signboard_record(actor=world.reviewer, unit=unit or world.xincheng, name=name, placement=placement, since=since,
                                     issuer=issuer)


def state():
    return (list(Signboard.objects.values_list("status", "removed_on")), Event.objects.count(),
            sorted(LedgerMonth.objects.filter(measure__in=CODES).values_list("measure", "month", "value")))


def period(key):
    return period_parse(key, today=dt.date(2026, 11, 27))


def level(world, code, key):
    this, _last = ledger._sums_by_unit_measure(Unit.objects.filter(pk=world.xincheng.pk), period(key), period(key).previous_year())
    return this.get(world.xincheng.pk, {}).get(code, 0.0)


def test_the_four_plaques_of_the_default_list_are_allowed_and_a_fifth_outside_is_excess(world):
    allowed = [record(world, n) for n in ("中共新城社区委员会", "新城社区居民委员会", "新城社区民兵连", "新城社区党群服务中心")]
    extra = record(world, "新城社区老年人协会", issuer=world.civil_affairs)
    inside = record(world, "新城社区图书室", placement="inside", issuer=world.education)

    assert all(b.allowed for b in allowed) and inside.allowed and not extra.allowed
    assert list(selectors.excess_for(world.reviewer)) == [extra]
    assert list(selectors.excess_for(world.clerk)) == [extra]  # issued by the clerk's department
    assert list(selectors.excess_for(world.secretary)) == [extra] and not selectors.excess_for(world.outsider).exists()


def test_signboards_are_a_level_each_period_reads_the_plaques_standing_at_its_end(world):
    record(world, "中共新城社区委员会", since=dt.date(2024, 3, 1))
    extra = record(world, "新城社区老年人协会", since=dt.date(2024, 5, 10), issuer=world.civil_affairs)
    record(world, "新城社区居民委员会", since=dt.date(2025, 2, 1))

    services.signboard_remove(actor=world.secretary, board=extra, removed_on=dt.date(2026, 3, 15), photo="档案室 2026-摘牌-003 号照片")

    assert level(world, "duties.signboards_hung", "2024") == 2 and level(world, "duties.signboards_hung", "2025") == 3
    assert level(world, "duties.signboards_hung", "2026") == 2 and level(world, "duties.signboards_hung", "2026-02") == 3
    assert level(world, "duties.signboards_excess", "2025") == 1 and level(world, "duties.signboards_excess", "2026") == 0
    assert level(world, "duties.signboards_removed", "2026") == 1 and level(world, "duties.signboards_removed", "2025") == 0


def test_the_board_and_the_trend_read_the_level_not_a_sum(world):
    record(world, "中共新城社区委员会", since=dt.date(2024, 3, 1))
    extra = record(world, "新城社区老年人协会", since=dt.date(2024, 5, 10), issuer=world.civil_affairs)
    services.signboard_remove(actor=world.secretary, board=extra, removed_on=dt.date(2026, 3, 15), photo="照片 003")

    board = ledger.board_uncached(user=world.reviewer, root=world.office, period=period("2026"), measure_code="duties.signboards_hung",
                                  today=dt.date(2026, 11, 27))

    assert board.totals["duties.signboards_hung"] == (1.0, 2.0)  # this year so far against the same day of 2025
    trend = {r[0].text.rstrip("*"): r[1].value for r in board.trend.rows}
    assert trend["2月"] == 2.0 and trend["3月"] == 1.0 and trend["11月"] == 1.0
    assert ledger.unit_items(unit=world.xincheng, period=period("2025"), measure=measure_by_code("duties.signboards_excess")).rows


def test_removal_needs_a_photo_reference_and_a_date_not_before_it_went_up(world):
    extra = record(world, "新城社区老年人协会", since=dt.date(2024, 5, 10))
    before = state()

    for changes, code in (({"photo": "\u3000"}, "photo_needed"), ({"removed_on": dt.date(2024, 5, 1)}, "removed_before_hung"),
                          ({"removed_on": dt.date(2026, 12, 1)}, "removed_in_future"), ({"photo": "照\x00片"}, "unstorable"),
                          ({"removed_on": "上周"}, "date_invalid")):
        with pytest.raises(DutyError) as caught:
            services.signboard_remove(**{"actor": world.secretary, "board": extra, "removed_on": dt.date(2026, 3, 15), "photo": "照片", **changes})
        assert caught.value.code == code

    assert state() == before


def test_a_request_for_a_plaque_outside_the_list_is_refused_by_the_gate_and_an_allowed_one_waits_for_the_county(world):
    before = state()

    with pytest.raises(DutyError) as caught:
        services.signboard_request(actor=world.clerk, issuer=world.civil_affairs, unit=world.xincheng, name="新城社区慈善工作站",
                                   placement="outside", reason="创建示范需要")

    assert caught.value.code == "signboard_excess" and state() == before
    inside = services.signboard_request(actor=world.clerk, issuer=world.civil_affairs, unit=world.xincheng, name="新城社区慈善工作站",
                                        placement="inside", reason="室内标识")
    hung = services.signboard_decide(actor=world.reviewer, board=inside, approve=True)
    assert hung.status == SignboardStatus.HUNG and hung.since == dt.date(2026, 11, 27) and hung.allowed


def test_the_allowed_list_is_a_county_setting(world):
    rule_setting_set(actor=world.reviewer, county=world.zhenan, rule="signboard.allowed", enabled=True,
                     params={"allowed_outside": "党组织、居民委员会、民兵、党群服务中心、老年人协会", "excess": "block"})

    assert record(world, "新城社区老年人协会").allowed


@pytest.mark.parametrize("who", ["clerk", "worker", "outsider"])
def test_only_the_community_its_street_and_the_county_record_and_remove_plaques(world, who):
    extra = record(world, "新城社区老年人协会")
    before = state()

    with pytest.raises(PermissionDenied):
        services.signboard_remove(actor=getattr(world, who), board=extra, removed_on=dt.date(2026, 3, 15), photo="照片")
    with pytest.raises(PermissionDenied):
        services.signboard_record(actor=getattr(world, who), unit=world.xincheng, name="牌子", placement="outside", since=dt.date(2026, 1, 1))

    assert state() == before


@pytest.mark.parametrize(
    ("changes", "code"),
    [({"name": "\u200b\u3000"}, "required"), ({"name": "牌\x00子"}, "unstorable"), ({"name": "牌\ud800"}, "unstorable"),
     ({"name": "牌" * 100_000}, "too_long"), ({"placement": "roof"}, "not_a_choice"), ({"since": dt.date(2026, 12, 1)}, "since_in_future"),
     ({"since": 10**23}, "date_invalid"), ({"unit_is_town": True}, "not_village")],
)
def test_a_bad_plaque_is_refused_with_a_clear_message_and_nothing_is_written(world, changes, code):
    unit = world.yongle if changes.pop("unit_is_town", False) else world.xincheng
    before = state()

    with pytest.raises(DutyError) as caught:
        services.signboard_record(**{"actor": world.reviewer, "unit": unit, "name": "牌子", "placement": "outside", "since": dt.date(2026, 1, 1), **changes})

    assert caught.value.code == code and caught.value.message and state() == before


def test_the_rebuild_from_raw_records_keeps_the_same_levels(world):
    record(world, "中共新城社区委员会", since=dt.date(2024, 3, 1))
    extra = record(world, "新城社区老年人协会", since=dt.date(2024, 5, 10))
    services.signboard_remove(actor=world.secretary, board=extra, removed_on=dt.date(2026, 3, 15), photo="照片")
    kept = [r for r in state()[2] if r[2]]

    ledger_rebuild(measures=[measure_by_code(c) for c in CODES], first_year=2024, last_year=2026)

    assert state()[2] == kept


def test_a_rebuild_of_recent_years_keeps_a_plaque_hung_long_before(world):
    record(world, "中共新城社区委员会", since=dt.date(2015, 3, 1))
    kept = [r for r in state()[2] if r[2]]

    ledger_rebuild(measures=[measure_by_code(c) for c in CODES], first_year=2024, last_year=2026)

    assert state()[2] == kept and level(world, "duties.signboards_hung", "2026") == 1

"""A secondment request passes the gate's limits (2024 rules: at most 6 months a term; county settings) and every other
check in the service, so the pages and the API refuse alike; a refused request stores nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.audit.models import Event
from qingzhuang.gate.models import GateCheck
from qingzhuang.gate.services import rule_setting_set
from qingzhuang.ledger.models import LedgerMonth
from qingzhuang.secondments import services
from qingzhuang.secondments.errors import SecondmentError
from qingzhuang.secondments.models import Secondment, SecondmentStatus
from qingzhuang.secondments.rules import months_later
from qingzhuang.secondments.testing import approved, secondment_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def state():
    return Secondment.objects.count(), Event.objects.count(), GateCheck.objects.count(), LedgerMonth.objects.filter(measure="secondments.away").count()


def test_six_months_to_the_day_pass_and_one_day_more_is_refused_naming_the_limit(world):
    before = state()

    with pytest.raises(SecondmentError) as caught:
        secondment_request(world, planned_end=dt.date(2026, 9, 2))

    assert caught.value.code == "gate_blocked" and "不得超过6个月" in caught.value.message and "2026-09-01" in caught.value.message
    assert state() == before
    made = secondment_request(world)
    assert made.status == SecondmentStatus.REQUESTED and made.ends_on == dt.date(2026, 9, 1)
    assert GateCheck.objects.get(item_id=made.pk, item_type="secondments.secondment").outcome == "pass"


def test_the_end_may_be_given_as_months_and_a_term_ends_on_the_same_day_or_the_months_last():
    assert months_later(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert months_later(dt.date(2026, 3, 1), 6) == dt.date(2026, 9, 1)
    assert months_later(dt.date(2026, 3, 27), -8) == dt.date(2025, 7, 27)


def test_a_number_of_months_within_the_term_is_turned_into_the_end(world):
    made = secondment_request(world, planned_end=None, months=4)

    assert made.planned_end == dt.date(2026, 7, 1)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"planned_end": dt.date(2026, 2, 1)}, "end_before_start"),
        ({"planned_end": None, "months": 10**23}, "term_too_long"),
        ({"planned_end": None, "months": "100000000000000000000000"}, "term_too_long"),
        ({"planned_end": None, "months": -5}, "out_of_range"),
        ({"planned_end": None, "months": 0}, "out_of_range"),
        ({"planned_end": None, "months": "六"}, "not_a_number"),
        ({"planned_end": None, "months": 7}, "gate_blocked"),
        ({"months": 3}, "months_or_end"),
        ({"start_on": "2026-03-01"}, "date_invalid"),
        ({"start_on": 10**23}, "date_invalid"),
        ({"start_on": dt.date(1, 1, 1)}, "date_out_of_range"),
        ({"planned_end": dt.date(9999, 12, 31)}, "date_out_of_range"),
        ({"person_name": "\u3000\u00a0\u200b "}, "required"),
        ({"person_name": "李\x00明"}, "unstorable"),
        ({"person_name": "李\ud800"}, "unstorable"),
        ({"person_name": "李" * 100_000}, "too_long"),
        ({"purpose": "\u200b\u3000"}, "required"),
        ({"basis": "依" * 100_000}, "too_long"),
        ({"post": ""}, "required"),
    ],
)
def test_hostile_values_are_refused_with_a_chinese_message_and_nothing_is_written(world, changes, code):
    before = state()

    with pytest.raises(SecondmentError) as caught:
        secondment_request(world, **changes)

    assert caught.value.code == code and caught.value.message and state() == before
    assert any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.message)


def test_only_an_upper_level_unit_of_the_county_borrows_from_a_grassroots_unit(world):
    before = state()

    for changes, code in (({"lender": world.civil_affairs}, "lender_not_grassroots"), ({"lender": world.caochangpo}, "borrower_not_above"),
                          ({"actor": world.street_officer, "borrower": world.xikou, "lender": world.xincheng}, None)):
        with pytest.raises((SecondmentError, PermissionDenied)) as caught:
            secondment_request(world, **changes)
        assert code is None or getattr(caught.value, "code", None) == code

    assert state() == before


def test_a_town_office_borrows_only_from_below_it(world):
    from qingzhuang.org.models import Role
    from qingzhuang.org.testing import _user

    xikou_officer = _user("xikou_officer", world.xikou, Role.STREET_OFFICER, below=True)
    with pytest.raises(SecondmentError) as caught:
        secondment_request(world, actor=xikou_officer, borrower=world.xikou, lender=world.xincheng)

    assert caught.value.code == "borrower_not_above"
    assert secondment_request(world, actor=xikou_officer, borrower=world.xikou, lender=world.changfa).lender == world.changfa


def test_the_same_person_is_not_seconded_twice_at_once_and_somebody_stays_at_the_post(world):
    secondment_request(world)

    with pytest.raises(SecondmentError) as twice:
        secondment_request(world, start_on=dt.date(2026, 5, 1), planned_end=dt.date(2026, 6, 1))
    with pytest.raises(SecondmentError) as empty:
        for number in range(20):
            approved(world, person_name=f"工作人员{number}")

    assert twice.value.code == "already_away"
    assert empty.value.code == "no_one_left" and "无人在岗" in empty.value.message
    assert Secondment.objects.filter(status=SecondmentStatus.APPROVED).count() == 10  # 11 staff: one stays


def test_the_limits_are_county_settings_and_the_approval_checks_them_again(world):
    rule_setting_set(actor=world.reviewer, county=world.zhenan, rule="secondment.limits", enabled=True,
                     params={"term_months": 3, "extensions": 1, "total_months": 6})
    with pytest.raises(SecondmentError) as caught:
        secondment_request(world)
    assert "不得超过3个月" in caught.value.message

    rule_setting_set(actor=world.reviewer, county=world.zhenan, rule="secondment.limits", enabled=True,
                     params={"term_months": 6, "extensions": 1, "total_months": 12})
    asked = secondment_request(world)
    rule_setting_set(actor=world.reviewer, county=world.zhenan, rule="secondment.limits", enabled=True,
                     params={"term_months": 3, "extensions": 1, "total_months": 6})
    with pytest.raises(SecondmentError):
        services.secondment_decide(actor=world.reviewer, secondment=asked, approve=True)

    assert Secondment.objects.get(pk=asked.pk).status == SecondmentStatus.REQUESTED


@pytest.mark.parametrize("params", [{"term_months": 0}, {"term_months": 25}, {"extensions": 4}, {"total_months": 5}, {"term_months": "10**23"},
                                    {"total_months": -5}])
def test_nonsense_settings_are_refused(world, params):
    from qingzhuang.gate.errors import GateError

    with pytest.raises(GateError):
        rule_setting_set(actor=world.reviewer, county=world.zhenan, rule="secondment.limits", enabled=True,
                         params={"term_months": 6, "extensions": 1, "total_months": 12, **params})


def test_refusing_needs_a_reason_and_a_decided_request_is_not_decided_again(world):
    asked = secondment_request(world)

    with pytest.raises(SecondmentError) as blank:
        services.secondment_decide(actor=world.reviewer, secondment=asked, approve=False, note="\u3000")
    refused = services.secondment_decide(actor=world.reviewer, secondment=asked, approve=False, note="社区人手紧张，不予借调")
    with pytest.raises(SecondmentError) as again:
        services.secondment_decide(actor=world.reviewer, secondment=asked, approve=True)

    assert blank.value.code == "required" and refused.status == SecondmentStatus.REFUSED and again.value.code == "not_requested"
    assert not LedgerMonth.objects.filter(measure="secondments.away").exists()

"""Hostile values on every field the households take, through the services, the pages and the API: a clear Chinese
message naming the field, and nothing written (households, pairings, helps, audit events, points, ledger)."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qingzhuang.audit.models import Event
from qingzhuang.households import services
from qingzhuang.households.errors import HouseholdError
from qingzhuang.households.models import Help, Household, Pairing
from qingzhuang.households.testing import ID_NUMBER, household_values, paired_household
from qingzhuang.ledger.models import LedgerMonth
from qingzhuang.riders.models import PointsEntry

pytestmark = pytest.mark.django_db
HUGE = 10**23
BLANK = "\u3000\u00a0\u200b "


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def _counts():
    return (Household.objects.count(), Pairing.objects.count(), Help.objects.count(), Event.objects.count(), PointsEntry.objects.count(),
            LedgerMonth.objects.count())


HOUSEHOLD_CASES = [
    ({"head_name": BLANK}, "required", "户主"),
    ({"head_name": "名" * 100_000}, "too_long", "50"),
    ({"head_name": "王\x00五"}, "unstorable", "无法保存"),
    ({"head_name": "\ud800"}, "unstorable", "无法保存"),
    ({"address": BLANK}, "required", "地址"),
    ({"address": "址" * 100_000}, "too_long", "200"),
    ({"phone": "一三九"}, "phone_invalid", "电话"),
    ({"phone": str(HUGE)}, "phone_invalid", "电话"),
    ({"phone": "-5"}, "phone_invalid", "电话"),
    ({"phone": "\x00"}, "phone_invalid", "电话"),
    ({"id_number": "610125194503120019"}, "id_invalid", "身份证号"),
    ({"id_number": str(HUGE)}, "id_invalid", "身份证号"),
    ({"id_number": "-5"}, "id_invalid", "身份证号"),
    ({"id_number": "61012519450332001X"}, "id_invalid", "身份证号"),
    ({"id_number": "\ud800" * 18}, "id_invalid", "身份证号"),
    ({"kinds": []}, "kind_needed", "至少"),
    ({"kinds": ["ghost<script>"]}, "not_a_choice", "困难类型"),
    ({"kinds": [HUGE]}, "not_a_choice", "困难类型"),
    ({"needs": BLANK}, "required", "帮扶需求"),
    ({"needs": "需" * 100_000}, "too_long", "1,000"),
    ({"health": "病" * 100_000}, "too_long", "2,000"),
    ({"health": "病\x00"}, "unstorable", "无法保存"),
    ({"consent_by": BLANK}, "required", "同意人"),
    ({"consent_on": "2026-13-45"}, "date_invalid", "日期"),
    ({"consent_on": HUGE}, "date_invalid", "日期"),
    ({"consent_on": -5}, "date_invalid", "日期"),
    ({"consent_on": "2099-01-01"}, "date_in_future", "今天"),
    ({"consent_on": "1999-12-31"}, "date_too_early", "2000"),
    ({"consent_how": "telepathy"}, "not_a_choice", "同意方式"),
    ({"status": "zombie"}, "not_a_choice", "状态"),
    ({"status_since": "2025-01-01"}, "status_before_consent", "同意"),
]


@pytest.mark.parametrize(("changes", "code", "words"), HOUSEHOLD_CASES)
def test_a_household_with_a_hostile_field_is_refused_and_nothing_written(world, changes, code, words):
    before = _counts()
    with pytest.raises(HouseholdError) as refused:
        services.household_create(actor=world.secretary, community=world.xincheng, **household_values(**changes))
    assert refused.value.code == code and words in refused.value.message, refused.value.message
    assert _counts() == before


def test_a_valid_id_number_with_a_lower_x_and_full_width_digits_is_kept_upper(world):
    made = services.household_create(actor=world.secretary, community=world.xincheng,
                                     **household_values(id_number="11010519491231002x", phone="１３７ ０９１７ １２３４"))
    assert made.id_number == "11010519491231002X" and made.phone == "13709171234"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=30))
def test_no_text_is_taken_as_an_id_number_unless_its_check_digit_holds(world, text):
    try:
        kept = services.id_number_value(text)
    except HouseholdError as exc:
        assert exc.code == "id_invalid"
    else:
        assert kept == "" or (len(kept) == 18 and kept == services.id_number_value(kept))


HELP_CASES = [
    ({"kind": "teleport"}, "not_a_choice", "帮扶方式"),
    ({"what": BLANK}, "required", "所做事项"),
    ({"what": "事" * 100_000}, "too_long", "300"),
    ({"what": "\ud800"}, "unstorable", "无法保存"),
    ({"done_on": "2026-02-30"}, "date_invalid", "日期"),
    ({"done_on": HUGE}, "date_invalid", "日期"),
    ({"done_on": "2027-01-01"}, "date_in_future", "今天"),
    ({"minutes": HUGE}, "out_of_range", "1,440"),
    ({"minutes": -5}, "out_of_range", "1,440"),
    ({"minutes": 0}, "out_of_range", "1,440"),
    ({"minutes": "三十"}, "not_a_number", "时长"),
    ({"minutes": 1e23}, "out_of_range", "1,440"),
]


@pytest.mark.parametrize(("changes", "code", "words"), HELP_CASES)
def test_a_help_with_a_hostile_field_is_refused_and_nothing_written(world, changes, code, words):
    household, _rider = paired_household(world)
    before = _counts()
    values = {"kind": "visit", "what": "上门", "done_on": "2026-11-20", "minutes": 30, **changes}
    with pytest.raises(HouseholdError) as refused:
        services.help_record(actor=world.rider, household=household, **values)
    assert refused.value.code == code and words in refused.value.message, refused.value.message
    assert _counts() == before


@pytest.mark.parametrize(("since", "until", "code"), [
    ("2026-13-45", None, "date_invalid"), (HUGE, None, "date_invalid"), ("2026-05-01", "2026-04-01", "until_before_since"),
    ("2026-02-01", None, "already_paired"), ("2026-05-01", "99999-01-01", "date_invalid"), ("2026-05-01", "\x00", "date_invalid"),
])
def test_a_hostile_pairing_is_refused_and_nothing_written(world, since, until, code):
    household, rider = paired_household(world)
    before = _counts()
    with pytest.raises(HouseholdError) as refused:
        services.pairing_create(actor=world.secretary, household=household, rider=rider, since=since, until=until)
    assert refused.value.code == code
    assert _counts() == before


@pytest.mark.parametrize("reason", [BLANK, "\x00", "\ud800", "因" * 100_000])
def test_a_hostile_reveal_reason_is_refused_and_not_logged(world, reason):
    household, _rider = paired_household(world)
    before = _counts()
    with pytest.raises(HouseholdError):
        services.phone_reveal(actor=world.rider, household=household, reason=reason)
    assert _counts() == before


def test_the_api_refuses_hostile_values_in_chinese_and_stores_nothing(world, client_for):
    household, _rider = paired_household(world)
    staff = client_for(world.secretary)
    before = _counts()
    for body in ({"community_id": world.xincheng.pk, **household_values(head_name=BLANK)},
                 {"community_id": world.xincheng.pk, **household_values(id_number="610125194503120019")},
                 {"community_id": world.xincheng.pk, **household_values(consent_on="yesterday")},
                 {"community_id": HUGE, **household_values()}):
        response = staff.post("/api/v1/households/", body, content_type="application/json")
        assert response.status_code in (400, 404, 422), response.content
        assert "Error" not in response.content.decode() and "Traceback" not in response.content.decode()
    changed = staff.patch(f"/api/v1/households/{household.pk}", {"id_number": "123"}, content_type="application/json")
    assert changed.status_code == 400 and "身份证号" in changed.json()["error"]["message"]
    assert Household.objects.get(pk=household.pk).id_number == ID_NUMBER
    rider = client_for(world.rider)
    for body in ({"kind": "visit", "what": "上门", "minutes": HUGE}, {"kind": "visit", "what": "上门", "minutes": -5},
                 {"kind": "visit", "what": "\x00"}, {"kind": "visit", "what": "上门", "done_on": str(dt.date.max)}):
        response = rider.post(f"/api/v1/households/mine/{household.pk}/helps", body, content_type="application/json")
        assert response.status_code == 400, response.content
        assert response.json()["error"]["message"]
    assert _counts() == before


def test_the_form_shows_the_fault_in_chinese_and_keeps_what_was_typed(world, client_for):
    client = client_for(world.secretary)
    data = {**household_values(id_number="610125194503120019"), "community": world.xincheng.pk}
    response = client.post("/households/new/", data)
    body = response.content.decode()
    assert response.status_code == 400 and "身份证号" in body and "新城社区3号楼2单元101" in body
    assert not Household.objects.exists()

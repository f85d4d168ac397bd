"""One-on-one help: the paired rider records a visit or errand, the community's staff confirm it; a confirmed help earns
the county's points once (act "help:<id>") and counts in the ledger — households helped one-on-one once a year per
household, help acts each time — as the rebuild from the raw records would; a declined help earns nothing."""

import datetime as dt

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.households import selectors, services
from qingzhuang.households.errors import HouseholdError
from qingzhuang.households.models import Help, HelpStatus
from qingzhuang.households.testing import household_values, paired_household
from qingzhuang.ledger.models import LedgerYear
from qingzhuang.ledger.rebuild import ledger_differences
from qingzhuang.riders.models import PointsEntry
from qingzhuang.riders.points import balance

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def _ledger(code, unit):
    return {row.year: row.value for row in LedgerYear.objects.filter(measure=code, unit=unit)}


def test_a_confirmed_help_earns_points_once_and_counts_in_the_ledger(world):
    household, rider = paired_household(world)
    made = services.help_record(actor=world.rider, household=household, kind="errand", what="代买菜和药", done_on="2026-11-20", minutes=40)
    assert made.status == HelpStatus.RECORDED and balance(rider) == 0

    services.help_decide(actor=world.secretary, help=made, confirm=True)

    assert balance(rider) == 5 and PointsEntry.objects.get(rider=rider).act == f"help:{made.pk}"
    with pytest.raises(HouseholdError) as again:
        services.help_decide(actor=world.secretary, help=made, confirm=True)
    assert again.value.code == "help_decided" and balance(rider) == 5
    assert _ledger(services.HELPED, world.xincheng) == {2026: 1.0} and _ledger(services.ACTS, world.xincheng) == {2026: 1.0}
    assert Event.objects.filter(model="households.help", object_id=str(made.pk), action="update").exists()


def test_a_household_helped_many_times_counts_once_a_year_as_the_rebuild_does(world):
    household, _rider = paired_household(world)
    days = ["2026-03-10", "2026-02-01", "2026-05-05"]  # confirmed out of order: the earlier one moves the count to February
    for day in days:
        made = services.help_record(actor=world.rider, household=household, kind="visit", what="上门探访", done_on=day, minutes=30)
        services.help_decide(actor=world.secretary, help=made, confirm=True)

    assert _ledger(services.HELPED, world.xincheng) == {2026: 1.0} and _ledger(services.ACTS, world.xincheng) == {2026: 3.0}
    assert ledger_differences(measures=[m for m in _measures() if m.code.startswith("households.")]) == []
    assert selectors.households_helped([world.xincheng], dt.date(2026, 1, 1), dt.date(2027, 1, 1)) == 1
    assert selectors.help_acts([world.xincheng], dt.date(2026, 1, 1), dt.date(2027, 1, 1)) == 3


def _measures():
    from qingzhuang.ledger.measures import all_measures

    return all_measures()


def test_a_declined_help_needs_a_reason_and_earns_nothing(world):
    household, rider = paired_household(world)
    made = services.help_record(actor=world.rider, household=household, kind="visit", what="上门", done_on="2026-11-20", minutes=30)
    with pytest.raises(HouseholdError) as refused:
        services.help_decide(actor=world.secretary, help=made, confirm=False, note="\u3000")
    assert refused.value.code == "required"

    services.help_decide(actor=world.secretary, help=made, confirm=False, note="未写明所做事项")

    assert Help.objects.get(pk=made.pk).status == HelpStatus.REJECTED and balance(rider) == 0
    assert not LedgerYear.objects.filter(measure__startswith="households.").exists()


def test_only_the_paired_rider_records_help_and_only_while_paired(world):
    household, _rider = paired_household(world)
    with pytest.raises(HouseholdError) as before_pairing:
        services.help_record(actor=world.rider, household=household, kind="visit", what="上门", done_on="2025-12-30", minutes=30)
    assert before_pairing.value.code == "not_paired"
    with pytest.raises(HouseholdError) as staff:
        services.help_record(actor=world.secretary, household=household, kind="visit", what="上门", done_on="2026-11-20", minutes=30)
    assert staff.value.code == "not_a_rider"
    assert not Help.objects.exists()


def test_a_rider_cannot_confirm_their_own_help(world, client_for):
    household, rider = paired_household(world)
    made = services.help_record(actor=world.rider, household=household, kind="visit", what="上门", done_on="2026-11-20", minutes=30)
    response = client_for(world.rider).post(f"/api/v1/households/helps/{made.pk}/decide", {"confirm": True}, content_type="application/json")
    assert response.status_code == 403 and Help.objects.get(pk=made.pk).status == HelpStatus.RECORDED and balance(rider) == 0


def test_a_household_that_moved_cannot_be_paired_or_helped_after(world):
    household, rider = paired_household(world)
    services.household_update(actor=world.secretary, household=household, status="moved", status_since="2026-10-01")
    other = services.household_create(actor=world.secretary, community=world.xincheng, **household_values(status="deceased", status_since="2026-01-01"))
    with pytest.raises(HouseholdError) as paired:
        services.pairing_create(actor=world.secretary, household=other, rider=rider, since="2026-02-01")
    assert paired.value.code == "not_active"
    with pytest.raises(HouseholdError) as helped:
        services.help_record(actor=world.rider, household=household.__class__.objects.get(pk=household.pk), kind="visit", what="上门",
                             done_on="2026-11-20", minutes=30)
    assert helped.value.code in ("not_active", "not_paired")


def test_the_api_records_and_confirms_help(world, client_for):
    household, rider = paired_household(world)
    rider_client = client_for(world.rider)
    made = rider_client.post(f"/api/v1/households/mine/{household.pk}/helps", {"kind": "errand", "what": "代取药品", "done_on": "2026-11-25",
                                                                                "minutes": 25}, content_type="application/json")
    assert made.status_code == 200 and made.json()["status"] == "recorded"
    staff = client_for(world.secretary)
    assert [h["id"] for h in staff.get("/api/v1/households/helps").json()] == [made.json()["id"]]
    decided = staff.post(f"/api/v1/households/helps/{made.json()['id']}/decide", {"confirm": True}, content_type="application/json")
    assert decided.json()["status"] == "confirmed" and balance(rider) == 5

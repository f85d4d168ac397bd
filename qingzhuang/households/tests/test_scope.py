"""Scope: another community's staff, the street, the county and another county see no household; the street and the county
see only the figures; staff of 新城社区 pair only riders of 新城社区. Every refusal changes nothing."""

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.households import services
from qingzhuang.households.errors import HouseholdError
from qingzhuang.households.models import Help, Household, Pairing
from qingzhuang.households.testing import household_values, paired_household, rider_for, rider_user
from qingzhuang.org.models import Role
from qingzhuang.org.services import role_assign

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def _counts():
    return Household.objects.count(), Pairing.objects.count(), Help.objects.count(), Event.objects.count()


@pytest.mark.parametrize("who", ["outsider", "reviewer", "street_officer", "clerk"])
def test_others_see_no_household(world, client_for, who):
    household, _rider = paired_household(world)
    before = _counts()
    client = client_for(getattr(world, who))

    assert client.get(f"/households/{household.pk}/").status_code == 403
    assert client.get(f"/api/v1/households/{household.pk}").status_code == 403
    listing = client.get("/api/v1/households/")
    assert listing.status_code == 403 or listing.json() == []
    assert client.get(f"/households/mine/{household.pk}/").status_code == 403
    assert client.post(f"/households/{household.pk}/pair/", {"rider": 1, "since": "2026-11-01"}).status_code == 403
    assert _counts() == before


def test_the_staff_of_another_community_see_nothing_and_cannot_add_to_it(world, client_for):
    household, _rider = paired_household(world)
    role_assign(actor=None, user=world.outsider, role=Role.COMMUNITY_SECRETARY, unit=world.caochangpo)
    before = _counts()
    client = client_for(world.outsider)

    assert client.get("/api/v1/households/").json() == []
    assert client.get(f"/households/{household.pk}/").status_code == 403
    made = client.post("/api/v1/households/", {"community_id": world.xincheng.pk, **household_values()}, content_type="application/json")
    assert made.status_code == 403 and _counts() == before


def test_the_county_board_and_the_street_see_figures_only(world, client_for):
    from qingzhuang.households.views import board_section, unit_section
    from qingzhuang.ledger.periods import YEAR, Period

    household, _rider = paired_household(world)
    made = services.help_record(actor=world.rider, household=household, kind="visit", what="上门", done_on="2026-11-20", minutes=30)
    services.help_decide(actor=world.secretary, help=made, confirm=True)
    period = Period(YEAR, 2026)

    board = board_section(world.reviewer, world.office, period)
    street = unit_section(world.street_officer, world.xincheng, period)
    assert 'id="households-helped">1<' in board and 'id="households-helped">1<' in street
    assert "张" not in board and "张" not in street
    assert board_section(world.outsider, world.office, period) == "" and unit_section(world.outsider, world.xincheng, period) == ""


def test_a_rider_of_another_community_cannot_be_paired(world):
    household = services.household_create(actor=world.secretary, community=world.xincheng, **household_values())
    user = rider_user("changfa_rider", world.changfa)
    stranger = rider_for(user, world.changfa, name="赵强", phone="13512345678")
    before = _counts()
    with pytest.raises(HouseholdError) as refused:
        services.pairing_create(actor=world.secretary, household=household, rider=stranger, since="2026-11-01")
    assert refused.value.code == "rider_elsewhere" and _counts() == before


def test_a_rider_enrolled_after_the_day_cannot_be_paired_from_it(world):
    household = services.household_create(actor=world.secretary, community=world.xincheng, **household_values())
    rider = rider_for(world.rider, world.xincheng, name="马骏", phone="13912345678")
    with pytest.raises(HouseholdError) as refused:
        services.pairing_create(actor=world.secretary, household=household, rider=rider, since="2025-01-01")
    assert refused.value.code == "rider_not_member"

"""Privacy by design (PIPL): a rider sees only the households paired with them and only what help needs — a masked name,
the address, the needs; never the ID number or the health details, on the page or in the API; the phone on demand, on
the trail with its reason. Every read of a household's record (page, API, export) is an audit event."""

import json

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.households import services
from qingzhuang.households.testing import ID_NUMBER, PHONE, paired_household, rider_for, rider_user

pytestmark = pytest.mark.django_db
SECRETS = (ID_NUMBER, "高血压", "张桂兰", PHONE)


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def _reads(household, action=services.READ):
    return Event.objects.filter(model="households.household", object_id=str(household.pk), action=action)


def test_a_paired_rider_sees_the_address_and_needs_but_never_the_id_health_full_name_or_phone(world, client_for):
    household, _rider = paired_household(world)
    client = client_for(world.rider)

    listing = client.get("/households/mine/").content.decode()
    page = client.get(f"/households/mine/{household.pk}/").content.decode()
    api = json.dumps(client.get(f"/api/v1/households/mine/{household.pk}").json(), ensure_ascii=False)
    api_list = json.dumps(client.get("/api/v1/households/mine").json(), ensure_ascii=False)

    for body in (listing, page, api, api_list):
        assert "张某" in body and "3号楼2单元101" in body and "代买菜" in body
        assert not any(secret in body for secret in SECRETS)
    assert "137****1234" in page


def test_a_rider_of_the_community_not_paired_sees_nothing(world, client_for):
    household, _rider = paired_household(world)
    other = rider_user("rider2", world.xincheng)
    rider_for(other, world.xincheng, name="孙伟", phone="13812340000")
    client = client_for(other)

    assert "张某" not in client.get("/households/mine/").content.decode()
    assert client.get(f"/households/mine/{household.pk}/").status_code == 403
    assert client.get(f"/api/v1/households/mine/{household.pk}").status_code == 403
    assert client.get("/api/v1/households/mine").json() == []
    assert client.post(f"/api/v1/households/mine/{household.pk}/phone", {"reason": "看看"}, content_type="application/json").status_code == 403
    assert not _reads(household).exists() and not _reads(household, services.REVEAL).exists()


def test_a_rider_never_reaches_the_staff_record_or_list(world, client_for):
    household, _rider = paired_household(world)
    client = client_for(world.rider)

    assert client.get(f"/households/{household.pk}/").status_code == 403
    assert client.get(f"/api/v1/households/{household.pk}").status_code == 403
    assert client.get("/api/v1/households/").status_code == 403
    assert client.get("/households/").status_code == 403
    assert client.get(f"/households/export/?community={world.xincheng.pk}").status_code == 403


def test_every_read_of_the_record_is_audited(world, client_for):
    household, _rider = paired_household(world)
    staff = client_for(world.secretary)
    staff.get(f"/households/{household.pk}/")
    staff.get(f"/api/v1/households/{household.pk}")
    staff.get(f"/households/export/?community={world.xincheng.pk}")
    rider = client_for(world.rider)
    rider.get(f"/households/mine/{household.pk}/")
    rider.get(f"/api/v1/households/mine/{household.pk}")

    vias = sorted(e.changes["via"] for e in _reads(household))
    assert vias == ["api", "api", "export", "page", "rider page"]
    assert {e.actor for e in _reads(household)} == {world.secretary, world.rider}
    assert all("张桂兰" not in e.object_repr for e in _reads(household))


def test_the_staff_record_shows_id_and_health_in_full(world, client_for):
    household, _rider = paired_household(world)
    page = client_for(world.secretary).get(f"/households/{household.pk}/").content.decode()
    api = client_for(world.worker).get(f"/api/v1/households/{household.pk}").json()

    assert ID_NUMBER in page and "高血压" in page and PHONE in page
    assert api["id_number"] == ID_NUMBER and "高血压" in api["health"]


def test_the_phone_is_revealed_on_demand_and_logged_with_the_reason(world, client_for):
    household, _rider = paired_household(world)
    client = client_for(world.rider)

    page = client.post(f"/households/mine/{household.pk}/", {"reason": "上门前电话联系"}).content.decode()
    api = client.post(f"/api/v1/households/mine/{household.pk}/phone", {"reason": "代购确认"}, content_type="application/json").json()

    assert f"tel:{PHONE}" in page and api == {"phone": PHONE}
    reveals = _reads(household, services.REVEAL).order_by("id")
    assert [e.reason for e in reveals] == ["上门前电话联系", "代购确认"] and {e.actor for e in reveals} == {world.rider}
    assert all(PHONE not in str(e.changes) for e in reveals)


def test_a_phone_reveal_without_a_reason_is_refused_and_not_shown(world, client_for):
    household, _rider = paired_household(world)
    response = client_for(world.rider).post(f"/api/v1/households/mine/{household.pk}/phone", {"reason": "\u3000\u200b"},
                                            content_type="application/json")
    assert response.status_code == 400 and PHONE not in response.content.decode() and "理由" in response.json()["error"]["message"]
    assert not _reads(household, services.REVEAL).exists()


def test_the_list_and_its_export_mask_the_id_number(world, client_for):
    paired_household(world)
    client = client_for(world.secretary)
    rows = client.get("/api/v1/households/").json()
    export = client.get(f"/households/export/?community={world.xincheng.pk}").content.decode("utf-8-sig")

    assert rows[0]["id_number"] == "6101**********0018" and "health" not in rows[0]
    assert ID_NUMBER not in export and "6101**********0018" in export and "高血压" not in export


def test_a_pairing_that_ended_hides_the_household_again(world, client_for):
    household, _rider = paired_household(world)
    pairing = household.pairings.get()
    services.pairing_end(actor=world.secretary, pairing=pairing, until="2026-11-26")

    assert client_for(world.rider).get(f"/households/mine/{household.pk}/").status_code == 403


def test_a_rider_who_left_sees_no_household_even_if_the_pairing_was_not_ended(world, client_for):
    from qingzhuang.riders.services import rider_status_set

    household, rider = paired_household(world)
    rider_status_set(actor=None, rider=rider, status="left", since="2026-11-01", note="离开辖区")
    client = client_for(world.rider)

    assert client.get("/api/v1/households/mine").json() == []
    assert client.get(f"/households/mine/{household.pk}/").status_code == 403
    with pytest.raises(services.HouseholdError):
        services.help_record(actor=world.rider, household=household, kind="visit", what="上门", done_on="2026-11-20", minutes=30)

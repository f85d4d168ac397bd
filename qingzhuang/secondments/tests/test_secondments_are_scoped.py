"""Who sees and does what: the county office decides for its county, a department asks for itself and sees its own,
the community and its street see their people's; an outsider from another county sees and does nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.audit.models import Event
from qingzhuang.secondments import selectors, services
from qingzhuang.secondments.models import Secondment, SecondmentStatus
from qingzhuang.secondments.testing import approved, secondment_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def state():
    return list(Secondment.objects.values_list("status", "ends_on", "returned_on")), Event.objects.count()


def test_each_persona_sees_the_secondments_of_its_scope(world):
    mine = secondment_request(world)
    other = secondment_request(world, actor=None, borrower=world.education, lender=world.changfa, person_name="王五")

    seen = {who: set(selectors.visible(getattr(world, who)).values_list("pk", flat=True))
            for who in ("reviewer", "clerk", "street_officer", "secretary", "worker", "rider", "outsider")}

    assert seen["reviewer"] == {mine.pk, other.pk}
    assert seen["clerk"] == {mine.pk}  # its own department's borrowing, not the 教育局's
    assert seen["street_officer"] == {mine.pk} and seen["secretary"] == {mine.pk} and seen["worker"] == {mine.pk}
    assert seen["rider"] == set() and seen["outsider"] == set()


@pytest.mark.parametrize("who", ["secretary", "worker", "street_officer", "outsider", "rider"])
def test_only_the_county_office_decides(world, who):
    asked = secondment_request(world)
    before = state()

    with pytest.raises(PermissionDenied):
        services.secondment_decide(actor=getattr(world, who), secondment=asked, approve=True)

    assert state() == before


@pytest.mark.parametrize("who", ["secretary", "worker", "outsider", "reviewer", "leader_of_another"])
def test_only_the_borrowing_unit_asks_and_extends(world, who):
    from qingzhuang.org.models import Role
    from qingzhuang.org.testing import _user

    actor = _user("edu_leader", world.education, Role.DEPARTMENT_LEADER) if who == "leader_of_another" else getattr(world, who)
    away = approved(world)
    before = state()

    with pytest.raises(PermissionDenied):
        secondment_request(world, actor=actor, person_name="张三")
    with pytest.raises(PermissionDenied):
        services.extension_request(actor=actor, secondment=away, months=2, reason="延期")

    assert state() == before


def test_an_outsider_and_a_rider_cannot_record_the_return(world):
    away = approved(world)
    before = state()

    for who in (world.outsider, world.rider, world.worker):
        with pytest.raises(PermissionDenied):
            services.secondment_return(actor=who, secondment=away, returned_on=dt.date(2026, 10, 1))

    assert state() == before
    assert services.secondment_return(actor=world.street_officer, secondment=away, returned_on=dt.date(2026, 10, 1)).status == SecondmentStatus.RETURNED


def test_pages_and_the_api_refuse_an_outsider(world, client_for):
    asked = secondment_request(world)
    client = client_for(world.outsider)
    before = state()

    page = client.get(f"/secondments/{asked.pk}/")
    post = client.post(f"/secondments/{asked.pk}/", {"action": "decide", "decision": "approve"})
    api = client.post(f"/api/v1/secondments/{asked.pk}/decision", {"approve": True}, content_type="application/json")
    listed = client.get("/api/v1/secondments/")

    assert (page.status_code, post.status_code, api.status_code) == (403, 403, 403)
    assert listed.status_code == 200 and listed.json() == [] and state() == before

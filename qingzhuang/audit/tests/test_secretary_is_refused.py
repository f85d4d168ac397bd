import pytest

from qingzhuang.audit.models import Event
from qingzhuang.org.models import Unit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/audit/", "/audit/export.xlsx", "/audit/export.csv", "/audit/org.unit/{pk}/"])
def test_secretary_is_refused_every_audit_page_and_nothing_changes(world, client, url):
    client.force_login(world.secretary)
    events_before = list(Event.objects.values_list("id", flat=True))
    units_before = list(Unit.objects.values_list("id", "name", "is_active"))
    response = client.get(url.format(pk=world.xincheng.pk))
    assert response.status_code == 403
    assert list(Event.objects.values_list("id", flat=True)) == events_before
    assert list(Unit.objects.values_list("id", "name", "is_active")) == units_before


def test_secretary_is_refused_the_api(world, client):
    client.force_login(world.secretary)
    count = Event.objects.count()
    response = client.get("/api/v1/audit/events")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert Event.objects.count() == count


def test_secretary_has_no_audit_menu_entry(world, client):
    client.force_login(world.secretary)
    assert "/audit/" not in client.get("/").content.decode()


def test_anonymous_visitor_is_sent_to_sign_in(world, client):
    response = client.get("/audit/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]

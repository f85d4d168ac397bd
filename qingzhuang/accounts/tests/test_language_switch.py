import pytest

from qingzhuang.audit.models import Event

pytestmark = pytest.mark.django_db


def test_the_choice_is_stored_on_the_user_and_audited(world, client):
    client.force_login(world.secretary)
    response = client.post("/accounts/language/", {"language": "en", "next": "/org/"})
    assert response.status_code == 302 and response["Location"] == "/org/"
    world.secretary.refresh_from_db()
    assert world.secretary.language == "en"
    event = Event.objects.get(model="org.user", object_id=str(world.secretary.pk), action="update")
    assert event.actor == world.secretary
    assert event.changes == {"language": ["zh-hans", "en"]}
    assert client.get("/").headers["Content-Language"] == "en"


def test_the_stored_choice_follows_the_user_to_a_new_session(world, client):
    world.secretary.language = "en"
    world.secretary.save()
    client.force_login(world.secretary)
    assert "Sign out" in client.get("/").content.decode()


def test_an_unknown_language_is_refused_and_changes_nothing(world, client):
    client.force_login(world.secretary)
    count = Event.objects.count()
    response = client.post("/accounts/language/", {"language": "xx", "next": "/"})
    assert response.status_code == 400
    world.secretary.refresh_from_db()
    assert world.secretary.language == "zh-hans" and Event.objects.count() == count


@pytest.mark.parametrize(
    "target", ["https://evil.example/phish", "//evil.example/phish", "javascript:alert(1)", "https:///evil.example"]
)
def test_the_next_address_cannot_lead_off_site(world, client, target):
    client.force_login(world.secretary)
    response = client.post("/accounts/language/", {"language": "en", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_switch_needs_a_post(world, client):
    client.force_login(world.secretary)
    assert client.get("/accounts/language/", {"language": "en"}).status_code == 405
    world.secretary.refresh_from_db()
    assert world.secretary.language == "zh-hans"

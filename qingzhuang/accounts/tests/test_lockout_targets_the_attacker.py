"""Failed logins lock a user name from one client address, not the account everywhere: the owner still signs
in from their own address while the attacker's is locked, and nobody chooses the address they are locked under."""

import pytest
from django.conf import settings

from qingzhuang.org.testing import PASSWORD

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"
VICTIM = "198.51.100.20"
PROXY = "10.0.0.2"


def sign_in(client, password: str, **meta):
    return client.post("/accounts/login/", {"username": "secretary", "password": password}, **meta)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_owner_signs_in_from_another_address_while_the_attacker_is_locked(world, client, django_user_model):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong-password-1", REMOTE_ADDR=ATTACKER)
    assert sign_in(client, PASSWORD, REMOTE_ADDR=ATTACKER).status_code == 429 and not signed_in(client)

    response = sign_in(client, PASSWORD, REMOTE_ADDR=VICTIM)
    assert response.status_code == 302 and signed_in(client)


def test_without_a_proxy_a_forwarded_header_is_ignored(world, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        # Each try claims another address in the header: the lock still counts the real peer.
        sign_in(client, "wrong-password-1", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{_ + 1}")
    assert sign_in(client, PASSWORD, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


@pytest.fixture
def behind_proxy(settings):
    """QZ_BEHIND_PROXY=1: the settings it produces (one nginx in front sets X-Forwarded-For)."""
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.AXES_IPWARE_PROXY_COUNT = 0


def test_behind_the_proxy_the_lock_follows_the_forwarded_client_address(world, client, behind_proxy):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong-password-1", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert sign_in(client, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER).status_code == 429
    # Everyone arrives from the proxy's address; the owner, forwarded as their own address, is not locked.
    response = sign_in(client, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=VICTIM)
    assert response.status_code == 302 and signed_in(client)


def test_behind_the_proxy_a_client_cannot_pick_the_address_it_is_counted_under(world, client, behind_proxy):
    # The client writes its own X-Forwarded-For; the proxy appends the real one. Rotating the forged part
    # changes nothing: the chain is too long to trust, so every try counts under the same address.
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong-password-1", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{n + 1}, {ATTACKER}")
    assert sign_in(client, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.77, {ATTACKER}").status_code == 429

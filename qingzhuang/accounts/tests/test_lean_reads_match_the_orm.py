"""The session and user reads of every signed-in request (one prepared SELECT each) give what the ORM gives."""

import datetime as dt

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.utils import timezone

from qingzhuang.accounts.backends import UserBackend
from qingzhuang.accounts.sessions.cached_db import SessionStore as CachedStore
from qingzhuang.accounts.sessions.db import SessionStore

pytestmark = pytest.mark.django_db


def test_the_user_read_equals_the_orms_field_for_field(world):
    ours, django = UserBackend().get_user(world.secretary.pk), ModelBackend().get_user(world.secretary.pk)

    assert ours == django
    for field in type(ours)._meta.concrete_fields:
        assert getattr(ours, field.attname) == getattr(django, field.attname), field.name
        assert type(getattr(ours, field.attname)) is type(getattr(django, field.attname)), field.name


@pytest.mark.parametrize("user_id", ["abc", None, -5, 10**30, "", "1; DROP TABLE org_user"])
def test_a_malformed_or_unknown_user_id_is_no_user(world, user_id):
    assert UserBackend().get_user(user_id) is None


def test_a_deactivated_user_is_no_user_at_the_next_request(world):
    type(world.secretary).objects.filter(pk=world.secretary.pk).update(is_active=False)

    assert UserBackend().get_user(world.secretary.pk) is None


@pytest.mark.parametrize("store", [SessionStore, CachedStore])
def test_a_live_session_loads_as_djangos_and_an_expired_or_unknown_one_is_empty(store):
    live = store()
    live["answer"] = 42
    live.create()
    expired = store()
    expired["answer"] = 1
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    cache.clear()  # the cached store reads the database on a miss: that read is the one under test

    assert store(live.session_key).load() == DjangoStore(live.session_key).load() == {"answer": 42}
    assert store(expired.session_key).load() == {}
    assert store("x" * 40).load() == {}

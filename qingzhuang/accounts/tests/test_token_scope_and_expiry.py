"""API tokens end, and a read-only token reads: a write with it is refused in the common error shape."""

import datetime as dt

import pytest
from django.utils import timezone

from qingzhuang.accounts.models import ApiToken, TokenScope
from qingzhuang.accounts.services import api_token_create
from qingzhuang.documents.models import Document
from qingzhuang.lib.errors import DomainError

pytestmark = pytest.mark.django_db


def draft_payload(world):
    return {"issuer_id": world.civil_affairs.pk, "title": "关于做好养老服务的通知", "text": "正文内容", "recipient_ids": [world.xincheng.pk]}


def test_a_read_token_reads_and_is_refused_on_a_write_with_nothing_written(world, client):
    _token, raw = api_token_create(actor=world.clerk, user=world.clerk, name="只读", scope=TokenScope.READ)
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.get("/api/v1/documents/", headers=headers).status_code == 200
    response = client.post("/api/v1/documents/", draft_payload(world), content_type="application/json", headers=headers)
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "token_read_only" and "只读" in error["message"]
    assert not Document.objects.exists()
    via_header = client.post("/api/v1/documents/", draft_payload(world), content_type="application/json", headers={"X-Api-Token": raw})
    assert via_header.status_code == 403 and not Document.objects.exists()


def test_a_write_token_writes(world, client):
    _token, raw = api_token_create(actor=world.clerk, user=world.clerk, name="读写", scope=TokenScope.WRITE)
    response = client.post("/api/v1/documents/", draft_payload(world), content_type="application/json", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 201 and Document.objects.count() == 1


def test_every_token_has_an_expiry_and_an_expired_one_is_refused(world, client, settings):
    token, raw = api_token_create(actor=world.clerk, user=world.clerk, name="到期")
    days = (token.expires - timezone.now()).days
    assert settings.QZ_API_TOKEN_DAYS - 1 <= days <= settings.QZ_API_TOKEN_DAYS
    assert client.get("/api/v1/org/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/api/v1/org/me", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthenticated"


def test_a_token_cannot_be_made_already_expired_or_with_an_unknown_scope(world):
    for kwargs in ({"expires": timezone.now() - dt.timedelta(days=1)}, {"scope": "admin"}):
        with pytest.raises(DomainError):
            api_token_create(actor=world.clerk, user=world.clerk, name="坏", **kwargs)
    assert not ApiToken.objects.exists()

from typing import Any

from django.db import transaction
from django.utils import timezone

from qingzhuang.accounts.models import ApiToken, hash_token
from qingzhuang.audit.services import audit_created, audit_record, audit_updated, snapshot


def api_token_create(*, actor: Any, user: Any, name: str) -> tuple[ApiToken, str]:
    """Create a token; the raw key is returned once and never stored."""
    raw = ApiToken.new_raw()
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name, key_hash=hash_token(raw), prefix=raw[:10])
        audit_created(actor=actor, obj=token)
    return token, raw


def api_token_revoke(*, actor: Any, token: ApiToken) -> None:
    with transaction.atomic():
        token.revoked = True
        token.save(update_fields=["revoked"])
        audit_record(actor=actor, action="revoke", obj=token)


def api_token_user(raw: str) -> Any | None:
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw), revoked=False).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used is None or (now - token.last_used).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user


def user_language_set(*, actor: Any, language: str) -> None:
    before = snapshot(actor)
    actor.language = language
    with transaction.atomic():
        actor.save(update_fields=["language"])
        audit_updated(actor=actor, obj=actor, before=before)

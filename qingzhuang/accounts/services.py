import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from qingzhuang.accounts import errors
from qingzhuang.accounts.errors import AccountInvalid, TokenForbidden, TokenInvalid
from qingzhuang.accounts.models import ApiToken, TokenScope, hash_token
from qingzhuang.audit.models import Event
from qingzhuang.audit.services import audit_created, audit_record, audit_updated, snapshot
from qingzhuang.lib.validate import clean_values

# Sign-in events on the audit trail (等保: logins, logouts, failed logins and password changes, with the address).
LOGIN = "login"
LOGOUT = "logout"
LOGIN_FAILED = "login_failed"
PASSWORD_CHANGE = "password_change"

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def api_token_create(
    *, actor: Any, user: Any, name: str, scope: str = TokenScope.WRITE, expires: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a token; the raw key is returned once and never stored. It ends at ``expires`` (default:
    QZ_API_TOKEN_DAYS from now)."""
    if scope not in TokenScope.values:
        raise TokenInvalid("scope_unknown", errors.SCOPE_UNKNOWN, "scope")
    name = clean_values(ApiToken, {"name": name}, error=TokenInvalid)["name"]
    now = timezone.now()
    expires = expires or now + dt.timedelta(days=settings.QZ_API_TOKEN_DAYS)
    if expires <= now:
        raise TokenInvalid("expiry_past", errors.EXPIRY_PAST, "expires")
    raw = ApiToken.new_raw()
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name, key_hash=hash_token(raw), prefix=raw[:10], scope=scope, expires=expires)
        audit_created(actor=actor, obj=token)
    return token, raw


def api_token_revoke(*, actor: Any, token: ApiToken) -> None:
    with transaction.atomic():
        token.revoked = True
        token.save(update_fields=["revoked"])
        audit_record(actor=actor, action="revoke", obj=token)


def api_token_for(raw: str) -> ApiToken | None:
    """The live token with this key: not revoked, not expired, of an active user."""
    now = timezone.now()
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw), revoked=False, expires__gt=now).first()
    if token is None or not token.user.is_active:
        return None
    if token.last_used is None or (now - token.last_used).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token


def api_token_user(raw: str) -> Any | None:
    token = api_token_for(raw)
    return token.user if token is not None else None


def api_token_require_scope(token: ApiToken, method: str) -> None:
    """A read-only token reads (GET, HEAD, OPTIONS) and nothing else."""
    if token.scope == TokenScope.READ and method.upper() not in SAFE_METHODS:
        raise TokenForbidden("token_read_only", errors.TOKEN_READ_ONLY)


def user_language_set(*, actor: Any, language: str) -> None:
    language = clean_values(get_user_model(), {"language": language}, error=AccountInvalid)["language"]
    before = snapshot(actor)
    actor.language = language
    with transaction.atomic():
        actor.save(update_fields=["language"])
        audit_updated(actor=actor, obj=actor, before=before)


def client_address(request: HttpRequest | None) -> str:
    """The client's address as the lockout sees it (the socket's peer, or our proxy's X-Forwarded-For)."""
    if request is None:
        return ""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or ""


def _home_unit(user: Any) -> Any:
    """The unit whose people may read the user's sign-in events: their person's unit, else their first role's."""
    person = getattr(user, "person", None)
    if person is not None and person.unit_id:
        return person.unit
    assignment = user.roles.select_related("unit").order_by("id").first()
    return assignment.unit if assignment else None


def signin_recorded(*, user: Any, action: str, request: HttpRequest | None) -> Event:
    """A login, logout or password change of ``user``, with the client's address."""
    return audit_record(actor=user, action=action, obj=user, changes={"address": client_address(request)}, unit=_home_unit(user))


def signin_failed_recorded(*, username: str, request: HttpRequest | None) -> Event:
    """A failed login: on the named account when it exists, else on the name that was tried."""
    User = get_user_model()
    user = User.objects.filter(username=username).first() if username else None
    changes = {"address": client_address(request), "username": username[:150]}
    if user is not None:
        return audit_record(actor=None, action=LOGIN_FAILED, obj=user, changes=changes, unit=_home_unit(user))
    return Event.objects.create(
        actor=None, actor_name="system", action=LOGIN_FAILED, model=User._meta.label_lower, object_id="",
        object_repr=username[:200], unit=None, changes=changes,
    )

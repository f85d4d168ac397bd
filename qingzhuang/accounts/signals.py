"""Sign-ins happen in Django's own views (ours, the back office's), so the audit listens to auth's signals."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from qingzhuang.accounts import services


def _over_http(request: Any) -> bool:
    # A sign-in over HTTP always has a peer address; a login made in-process (a shell, the test client's
    # force_login) has none and is not somebody signing in.
    return request is not None and bool(request.META.get("REMOTE_ADDR"))


@receiver(user_logged_in, dispatch_uid="qz_audit_login")
def on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if _over_http(request):
        services.signin_recorded(user=user, action=services.LOGIN, request=request)


@receiver(user_logged_out, dispatch_uid="qz_audit_logout")
def on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None and _over_http(request):
        services.signin_recorded(user=user, action=services.LOGOUT, request=request)


@receiver(user_login_failed, dispatch_uid="qz_audit_login_failed")
def on_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    services.signin_failed_recorded(username=str(credentials.get("username") or ""), request=request)

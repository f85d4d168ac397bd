import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

# The session key holding when the stored expiry was last pushed forward (seconds since the epoch).
RENEWED_AT = "_qz_renewed"


class SessionRenewalMiddleware:
    """The idle timeout without a write on every request.

    A session ends QZ_SESSION_IDLE_MINUTES after it was last saved (Django stores the expiry with the row).
    Saving on every request kept that exact, at one write per request — on SQLite the writes of every
    signed-in click queue behind each other. Here a session that a request used is saved only when it
    changed or when its expiry was last pushed forward QZ_SESSION_RENEW_SECONDS ago or more: a signed-in
    user's requests write the row at most once a minute, and an idle session ends between the idle limit
    minus that minute and the idle limit after the user's last request.

    Sits right after SessionMiddleware, whose response path then saves what this one marked.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Not touched by this request (/healthz), or nothing to keep (anonymous, expired, just signed out).
        if session is None or not session.accessed or session.is_empty():
            return response
        now = int(time.time())
        if session.modified or now - int(session.get(RENEWED_AT, 0)) >= settings.QZ_SESSION_RENEW_SECONDS:
            session[RENEWED_AT] = now
        return response


class UserLanguageMiddleware:
    """A signed-in user's own language choice wins over the browser's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "language", None):
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response

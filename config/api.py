"""The JSON API at /api/v1/: one NinjaAPI; each component contributes a router from its api.py.

Errors have one shape everywhere: {"error": {"code": "...", "message": "...", "fields": [...]}}.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyHeader, HttpBearer, django_auth

from qingzhuang.accounts.services import api_token_for, api_token_require_scope
from qingzhuang.components import all_components
from qingzhuang.lib.errors import DomainError


def _token_user(request: HttpRequest, raw: str) -> Any:
    """The token's user, or None; a read-only token on a write raises the common 403."""
    token = api_token_for(raw)
    if token is None:
        return None
    api_token_require_scope(token, request.method or "GET")
    request.user = token.user
    return token.user


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return _token_user(request, token)


class TokenHeaderAuth(APIKeyHeader):
    param_name = "X-Api-Token"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return _token_user(request, key or "")


class OfflineSwagger(Swagger):
    """Swagger UI served from our own static files and started without inline script (works under the CSP)."""

    template = "api/docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": json.dumps(self.settings), "api": api, "add_csrf": True}
        return render(request, self.template, context)


api = NinjaAPI(
    title="Qingzhuang API",
    version="1",
    urls_namespace="api",
    auth=[TokenAuth(), TokenHeaderAuth(), django_auth],
    docs_url="/docs",
    docs=OfflineSwagger(),
)


def error_response(request: HttpRequest, status: int, code: str, message: str, fields: list[dict[str, Any]] | None = None) -> HttpResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return api.create_response(request, {"error": body}, status=status)


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields = [
        {"loc": [str(p) for p in e.get("loc", [])], "message": e.get("msg", ""), "type": e.get("type", "")}
        for e in exc.errors
    ]
    return error_response(request, 422, "invalid", _("Some values are missing or invalid."), fields)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(request, 401, "unauthenticated", _("Sign in or send a valid API token."))


@api.exception_handler(PermissionDenied)
def on_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(request, 403, "forbidden", str(exc) or _("This is outside your scope."))


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, "not_found", _("Not found."))


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(request, exc.status_code, "error", str(exc))


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    fields = [{"loc": [exc.field], "message": exc.message}] if exc.field else None
    return error_response(request, exc.status, exc.code, exc.message, fields)


for component in all_components():
    if component.api_prefix is None:
        continue
    module = importlib.import_module(f"{component.app}.api")
    api.add_router(f"/{component.api_prefix}/", module.router, tags=[component.name])

"""The JSON API at /api/v1/: one NinjaAPI; each component contributes a router from its api.py.

Errors have one shape everywhere: {"error": {"code": "...", "message": "...", "fields": [...]}}.
"""

from __future__ import annotations

import importlib
import json
import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser
from ninja.security import APIKeyHeader, HttpBearer, django_auth

from qingzhuang.accounts.services import api_token_for, api_token_require_scope
from qingzhuang.components import all_components
from qingzhuang.lib.chinese_text import has_unstorable
from qingzhuang.lib.errors import DomainError
from qingzhuang.lib.validate import UNSTORABLE, UNSTORABLE_MESSAGE

logger = logging.getLogger(__name__)

MALFORMED_BODY = gettext_lazy("The request body is not valid JSON. Check its quotes, commas and brackets, and send it as UTF-8.")
NUMBER_TOO_LARGE = gettext_lazy("A number in the request is too large to be an id, a year or a count.")
SERVER_ERROR = gettext_lazy("Something went wrong on the server; nothing was changed. Try again, and tell the administrator if it happens again.")
# Pydantic's messages by error type, in the user's language (the type stays in "type" for programs).
FIELD_MESSAGES = {
    "missing": gettext_lazy("Required."),
    "int_parsing": gettext_lazy("Must be a whole number."),
    "int_type": gettext_lazy("Must be a whole number."),
    "int_from_float": gettext_lazy("Must be a whole number."),
    "float_parsing": gettext_lazy("Must be a number."),
    "float_type": gettext_lazy("Must be a number."),
    "string_type": gettext_lazy("Must be text."),
    "bool_parsing": gettext_lazy("Must be true or false."),
    "bool_type": gettext_lazy("Must be true or false."),
    "list_type": gettext_lazy("Must be a list."),
    "dict_type": gettext_lazy("Must be an object."),
    "model_attributes_type": gettext_lazy("Must be an object."),
    "model_type": gettext_lazy("Must be an object."),
    "date_parsing": gettext_lazy("Must be a date such as 2026-01-31."),
    "date_from_datetime_parsing": gettext_lazy("Must be a date such as 2026-01-31."),
    "date_type": gettext_lazy("Must be a date such as 2026-01-31."),
    "datetime_parsing": gettext_lazy("Must be a date and time such as 2026-01-31T09:00:00+08:00."),
    "datetime_from_date_parsing": gettext_lazy("Must be a date and time such as 2026-01-31T09:00:00+08:00."),
    "datetime_type": gettext_lazy("Must be a date and time such as 2026-01-31T09:00:00+08:00."),
    "enum": gettext_lazy("Not one of the allowed values."),
    "literal_error": gettext_lazy("Not one of the allowed values."),
}
INVALID_VALUE = gettext_lazy("Invalid value.")


class RequestRefused(DomainError):
    status = 400


def _refuse_unstorable(value: Any, loc: list[str]) -> None:
    """Refuse a NUL or a lone surrogate anywhere in the request: no database can store them."""
    if isinstance(value, str):
        if has_unstorable(value):
            field = ".".join(loc[1:]) or loc[0]
            raise RequestRefused(UNSTORABLE, UNSTORABLE_MESSAGE % {"field": field}, field)
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_unstorable(str(key), [*loc, "key"])
            _refuse_unstorable(item, [*loc, str(key)])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_unstorable(item, [*loc, str(index)])


class StrictParser(Parser):
    """JSON bodies and query strings, refused in the error shape when malformed or unstorable."""

    def parse_body(self, request: HttpRequest) -> Any:
        try:
            data = json.loads(request.body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise RequestRefused("malformed_body", MALFORMED_BODY) from exc
        _refuse_unstorable(data, ["body"])
        return data

    def parse_querydict(self, data: Any, list_fields: list[str], request: HttpRequest) -> Any:
        result = super().parse_querydict(data, list_fields, request)
        _refuse_unstorable(result, ["query"])
        return result


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
    parser=StrictParser(),
)


def error_response(request: HttpRequest, status: int, code: str, message: str, fields: list[dict[str, Any]] | None = None) -> HttpResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return api.create_response(request, {"error": body}, status=status)


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields = [
        {
            "loc": [str(p) for p in e.get("loc", [])],
            "message": str(FIELD_MESSAGES.get(e.get("type", ""), INVALID_VALUE)),
            "type": e.get("type", ""),
        }
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
    if isinstance(exc.__cause__, DomainError):  # ninja wraps what the parser raised
        return on_domain_error(request, exc.__cause__)
    return error_response(request, exc.status_code, "error", str(exc))


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    fields = [{"loc": [exc.field], "message": exc.message}] if exc.field else None
    return error_response(request, exc.status, exc.code, exc.message, fields)


@api.exception_handler(OverflowError)
def on_overflow(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    # An id or year past what the database compares (SQLite: 64-bit integers): no such thing exists.
    return error_response(request, 400, "out_of_range", str(NUMBER_TOO_LARGE))


@api.exception_handler(Exception)
def on_server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
    return error_response(request, 500, "server_error", str(SERVER_ERROR))


for component in all_components():
    if component.api_prefix is None:
        continue
    module = importlib.import_module(f"{component.app}.api")
    api.add_router(f"/{component.api_prefix}/", module.router, tags=[component.name])

"""The GeoReport v2 endpoint at /open311/v2/ (discovery, services, service definitions, requests, tokens) in XML and
JSON, and the county office's page of Open311 keys.

The endpoint authenticates by api_key only, never by a session cookie: a browser's cookies give it nothing, so its POST
needs no CSRF token (clients are apps, not browsers) and is exempt."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from qingzhuang.accounts.services import client_address
from qingzhuang.lib.chinese_text import has_unstorable
from qingzhuang.open311 import errors, selectors, services
from qingzhuang.open311.errors import Open311Error
from qingzhuang.open311.models import ApiKey
from qingzhuang.open311.render import FORMATS, respond
from qingzhuang.open311.throttle import call_allowed
from qingzhuang.org import access
from qingzhuang.org.models import Region
from qingzhuang.riders.models import HazardReport

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-27 19:00"
_ATTRIBUTE = re.compile(r"attribute\[([^\[\]]{1,50})\](\[\])?")
Result = tuple[str, Any, int]


def _params(request: HttpRequest) -> QueryDict:
    return request.POST if request.method == "POST" else request.GET


def _refuse_unstorable(params: QueryDict) -> None:
    for key, values in params.lists():
        if has_unstorable(key) or any(has_unstorable(v) for v in values):
            name = key.encode("utf-8", "replace").decode().replace("\x00", "")[:40] or "?"
            raise Open311Error("unstorable", errors.UNSTORABLE % {"field": name}, name)


def _errors(fmt: str, exc: Open311Error) -> HttpResponse:
    return respond(fmt, "errors", [{"code": exc.code, "description": exc.message}], status=exc.status)


def endpoint(*methods: str) -> Callable[..., Callable[..., HttpResponse]]:
    """An Open311 method: its format from the address (.xml or .json), its errors in the spec's errors/error shape."""

    def wrap(view: Callable[..., Result]) -> Callable[..., HttpResponse]:
        @csrf_exempt
        @functools.wraps(view)
        def run(request: HttpRequest, fmt: str, **kwargs: Any) -> HttpResponse:
            wanted = fmt.lower()
            shown = wanted if wanted in FORMATS else "xml"
            try:
                if wanted not in FORMATS:
                    raise Open311Error("format_unsupported", errors.FORMAT_UNSUPPORTED % {"value": fmt[:10]}, "format")
                if request.method not in methods:
                    raise Open311Error("method_not_allowed", errors.METHOD_NOT_ALLOWED % {"methods": ", ".join(methods)}, status=405)
                params = _params(request)
                _refuse_unstorable(params)
                raw = str(params.get("api_key") or "")[:100]
                if not call_allowed(raw[:16] or f"address:{client_address(request)}"):
                    raise Open311Error("too_many_calls", errors.TOO_MANY_TRIES, status=429)
                root, body, status = view(request, params, **kwargs)
            except Open311Error as exc:
                return _errors(shown, exc)
            except PermissionDenied as exc:
                return _errors(shown, Open311Error("forbidden", str(exc) or access.DENIED_MESSAGE, status=403))
            return respond(wanted, root, body, status)

        return run

    return wrap


def _key(params: QueryDict) -> ApiKey:
    key = services.key_for(params.get("api_key"))
    _same_county(params, key.county)
    return key


def _same_county(params: QueryDict, county: Region) -> None:
    given = str(params.get("jurisdiction_id") or "").strip()
    if given and selectors.county_for(given).pk != county.pk:
        raise Open311Error("jurisdiction_other", errors.JURISDICTION_OTHER % {"county": selectors.county_for(given).name},
                           "jurisdiction_id", status=403)


def _county(params: QueryDict) -> Region:
    """Which county: the api_key's when one is sent, else jurisdiction_id (the county's code)."""
    if str(params.get("api_key") or "").strip():
        return _key(params).county
    given = str(params.get("jurisdiction_id") or "").strip()
    if not given:
        raise Open311Error("jurisdiction_missing", errors.JURISDICTION_MISSING, "jurisdiction_id")
    return selectors.county_for(given)


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/open311/v2")


@endpoint("GET")
def discovery(request: HttpRequest, params: QueryDict) -> Result:
    body = {
        "changeset": CHANGESET,
        "contact": _("The county office (县委办/政府办) of each county runs its Open311 service; ask it about this endpoint."),
        "key_service": _("Ask your county office for an api_key: it issues one to each app, for one account, and can revoke it."),
        "endpoints": [{"specification": SPECIFICATION, "url": base_url(request), "changeset": CHANGESET, "type": "production",
                       "formats": ["text/xml", "application/json"]}],
    }
    return "discovery", body, 200


@endpoint("GET")
def service_list(request: HttpRequest, params: QueryDict) -> Result:
    return "services", [selectors.service_row(c) for c in selectors.services_of(_county(params))], 200


@endpoint("GET")
def service_definition(request: HttpRequest, params: QueryDict, code: str) -> Result:
    category = services.category_for(_county(params), code)
    return "service_definition", selectors.definition(category), 200


def _attributes(params: QueryDict) -> dict[str, Any]:
    given: dict[str, Any] = {}
    for name, values in params.lists():
        match = _ATTRIBUTE.fullmatch(name)
        if match:
            given[match.group(1)] = values if match.group(2) else values[-1]
        elif name.startswith("attribute"):
            raise Open311Error("attribute_unknown", errors.ATTRIBUTE_UNKNOWN % {"value": name[:30]}, name[:30])
    return given


def _readable(params: QueryDict) -> tuple[ApiKey | QuerySet[HazardReport], bool]:
    """What a read may see: with an api_key, what the key's account reaches; without one, the county's public reports
    (jurisdiction_id names the county; GeoReport v2 needs no key to read)."""
    if str(params.get("api_key") or "").strip():
        return _key(params), False
    return selectors.public_reports(_county(params)), True


@endpoint("GET", "POST")
def requests_(request: HttpRequest, params: QueryDict) -> Result:
    if request.method == "POST":
        key = _key(params)
        submission = services.request_file(key=key, values=params, attributes=_attributes(params))
        report = submission.report
        body = [{"service_request_id": str(report.pk), "service_notice": selectors.service_notice(report),
                 "account_id": submission.account_id or None}]
        return "service_requests", body, 201
    readable, public = _readable(params)
    return "service_requests", selectors.request_rows(selectors.requests_filtered(readable, params), public=public), 200


@endpoint("GET")
def request_one(request: HttpRequest, params: QueryDict, request_id: str) -> Result:
    readable, public = _readable(params)
    return "service_requests", selectors.request_rows([selectors.request_one(readable, request_id)], public=public), 200


@endpoint("GET")
def token(request: HttpRequest, params: QueryDict, token: str) -> Result:
    readable, _public = _readable(params)
    submission = selectors.token_request(readable, token)
    return "service_requests", [{"service_request_id": str(submission.report_id), "token": submission.token}], 200


@login_required
def keys(request: HttpRequest) -> HttpResponse:
    """The county office's Open311 keys: issue one to an account (shown once), revoke one; the endpoint's address."""
    user: Any = request.user
    access.require(user, services.KEYS)
    problem, issued = "", None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "revoke":
                found = access.scoped_queryset(user, services.KEYS, ApiKey.objects.all()).filter(pk=_int(request.POST.get("key"))).first()
                if found is None:
                    raise PermissionDenied(access.DENIED_MESSAGE)
                services.key_revoke(actor=user, key=found)
            else:
                issued = services.key_issue(actor=user, holder=request.POST.get("holder"), name=request.POST.get("name"))
        except Open311Error as exc:
            problem = exc.message
    context = {"keys": selectors.keys_for(user)[:300], "problem": problem, "issued": issued, "base_url": base_url(request),
               "values": request.POST if problem else {}}
    return render(request, "open311/keys.html", context, status=400 if problem else 200)


def _int(value: Any) -> int:
    text = str(value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else 0


@csrf_exempt
def not_found(request: HttpRequest) -> HttpResponse:
    """Any other address under /open311/v2/: the spec's 404, in XML (its required format)."""
    return _errors("xml", Open311Error("not_found", errors.NOT_FOUND, status=404))

"""Writes of Open311: the county office issues and revokes keys; an app files a hazard report through the riders' own
``hazard_report`` (the same checks, routing and case flow as the rider's phone page), with what Open311 adds kept
beside it. Each checks its actor and writes its audit row in the same transaction."""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qingzhuang.accounts.models import hash_token
from qingzhuang.audit.services import audit_created, audit_record
from qingzhuang.lib.validate import text_value
from qingzhuang.open311 import errors
from qingzhuang.open311.errors import Open311Error
from qingzhuang.open311.models import KEY_PREFIX, ApiKey, Submission
from qingzhuang.org import access
from qingzhuang.org.models import Region
from qingzhuang.riders import services as riders
from qingzhuang.riders.errors import RiderError
from qingzhuang.riders.models import Datum, HazardCategory

KEYS = "open311.keys"
HOLDER_LABEL = _("Account (user name)")
REVOKE = "revoke"
_PHONE = re.compile(r"\+?[0-9][0-9 ()\-]{2,29}")


@dataclass(frozen=True)
class Attribute:
    """An attribute of every hazard category's service definition (GeoReport v2: attributes/attribute)."""

    code: str
    description: Any
    values: tuple[tuple[str, Any], ...]
    required: bool = False
    default: str = ""


# The optional GCJ-02 datum (Open311's lat/long are WGS-84), and the reporter's view that the community cannot fix it
# alone (its staff decide whether to raise it as a case; the answer is kept with the submission).
ATTRIBUTES = (
    Attribute("datum", _("Which coordinates lat and long are in: WGS-84 (GPS, the Open311 default) or GCJ-02 (高德/腾讯 maps, delivery apps)."),
              (("wgs84", _("WGS-84 (GPS, 天地图)")), ("gcj02", _("GCJ-02 (高德, 腾讯, delivery apps)"))), default="wgs84"),
    Attribute("beyond_power", _("Is it beyond the community's power or ability to fix alone (for example it needs a department)?"),
              (("no", _("No, or not known")), ("yes", _("Yes: it needs a department or the street office")))),
)


def _county_of(actor: Any) -> Region:
    scopes = access.user_scopes(actor, KEYS)
    if scopes is access.ALL:
        raise PermissionDenied(access.DENIED_MESSAGE)  # a system administrator is of no county: a county office issues keys
    county_ids = [s.county_id for s in scopes if s.county_id]  # type: ignore[union-attr]
    if not county_ids:
        raise PermissionDenied(access.DENIED_MESSAGE)
    return Region.objects.get(pk=county_ids[0])


def _require_county(actor: Any, county_id: int) -> None:
    scopes = access.user_scopes(actor, KEYS)
    if scopes is access.ALL:
        return
    if not any(s.county_id == county_id for s in scopes):  # type: ignore[union-attr]
        raise PermissionDenied(access.DENIED_MESSAGE)


def _holder_county_ids(user: Any) -> set[int]:
    return {a.unit.county_id for a in user.roles.select_related("unit") if a.unit.county_id}


def key_issue(*, actor: Any, holder: Any, name: Any, county: Region | None = None) -> tuple[ApiKey, str]:
    """The county office issues a key to an account of its county; the raw key is returned once and never stored."""
    county = county or _county_of(actor)
    _require_county(actor, county.pk)
    label = text_value(name, field="name", label=ApiKey._meta.get_field("name").verbose_name, max_length=100, error=Open311Error)
    User = get_user_model()
    user: Any
    if isinstance(holder, User):
        user = holder
    else:
        username = text_value(holder, field="holder", label=HOLDER_LABEL, max_length=150, error=Open311Error)
        user = User.objects.filter(username=username).first()
    if user is None or not user.is_active:
        raise Open311Error("holder_unknown", errors.HOLDER_UNKNOWN, "holder")
    if county.pk not in _holder_county_ids(user):
        raise Open311Error("holder_other_county", errors.HOLDER_OTHER_COUNTY % {"county": county.name}, "holder")
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        key = ApiKey.objects.create(county=county, holder=user, name=label, key_hash=hash_token(raw), prefix=raw[:10], issued_by=actor)
        audit_created(actor=actor, obj=key)
    return key, raw


def key_revoke(*, actor: Any, key: ApiKey) -> ApiKey:
    """Revoke a key of the actor's county: the apps using it are refused from then on; the record stays."""
    _require_county(actor, key.county_id)
    with transaction.atomic():
        locked = ApiKey.objects.select_for_update().get(pk=key.pk)
        if locked.revoked_at is not None:
            raise Open311Error("already_revoked", errors.ALREADY_REVOKED, "key")
        locked.revoked_at, locked.revoked_by = timezone.now(), actor
        locked.save(update_fields=["revoked_at", "revoked_by"])
        audit_record(actor=actor, action=REVOKE, obj=locked, changes={"revoked_at": [None, locked.revoked_at.isoformat()]})
    return locked


def key_for(raw: Any) -> ApiKey:
    """The live key sent as api_key, or the spec's 403."""
    text = str(raw or "").strip()
    if not text:
        raise Open311Error("api_key_missing", errors.KEY_MISSING, "api_key", status=403)
    key = None
    if len(text) <= 100 and text.isascii() and text.isprintable():
        key = ApiKey.objects.select_related("holder", "county").filter(key_hash=hash_token(text), revoked_at__isnull=True).first()
    if key is None or not key.holder.is_active:
        raise Open311Error("api_key_invalid", errors.KEY_INVALID, "api_key", status=403)
    now = timezone.now()
    if key.last_used is None or (now - key.last_used).total_seconds() > 60:
        ApiKey.objects.filter(pk=key.pk).update(last_used=now)
    return key


def category_for(county: Region, code: Any) -> HazardCategory:
    """The county's active hazard category with this service_code (its number), or the spec's 400/404."""
    text = str(code or "").strip()
    if not text:
        raise Open311Error("service_code_missing", errors.SERVICE_CODE_MISSING, "service_code")
    riders.categories_for(county)
    found = None
    if text.isascii() and text.isdigit() and len(text) < 12:
        found = HazardCategory.objects.filter(county=county, pk=int(text), is_active=True).first()
    if found is None:
        raise Open311Error("service_code_unknown", errors.SERVICE_CODE_UNKNOWN % {"value": _shown(text)}, "service_code", status=404)
    return found


def _shown(value: str) -> str:
    text = value.encode("utf-8", "replace").decode("utf-8")
    return text if len(text) <= 20 else text[:19] + "…"


def _optional(values: Mapping[str, Any], name: str) -> str:
    length = getattr(Submission._meta.get_field(name), "max_length", None) or 100
    return text_value(values.get(name), field=name, label=name, max_length=length, required=False, error=Open311Error)


def _checked_extras(values: Mapping[str, Any]) -> dict[str, str]:
    extras = {name: _optional(values, name) for name in ("address_id", "device_id", "account_id", "first_name", "last_name")}
    url = _optional(values, "media_url")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise Open311Error("media_url_invalid", errors.MEDIA_URL_INVALID, "media_url") from None
    email = _optional(values, "email")
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            raise Open311Error("email_invalid", errors.EMAIL_INVALID, "email") from None
    phone = _optional(values, "phone")
    if phone and not _PHONE.fullmatch(phone):
        raise Open311Error("phone_invalid", errors.PHONE_INVALID, "phone")
    return {**extras, "media_url": url, "email": email, "phone": phone}


def attributes_checked(given: Mapping[str, Any]) -> dict[str, str]:
    """attribute[code]=value pairs against the service definition: known codes, one of their values."""
    known = {a.code: a for a in ATTRIBUTES}
    chosen: dict[str, str] = {}
    for code, value in given.items():
        attribute = known.get(code)
        if attribute is None:
            raise Open311Error("attribute_unknown", errors.ATTRIBUTE_UNKNOWN % {"value": _shown(code)}, f"attribute[{_shown(code)}]")
        text = str(value if not isinstance(value, list) else (value[0] if value else "")).strip()
        if text == "":
            continue
        if text not in dict(attribute.values):
            choices = ", ".join(key for key, _label in attribute.values)
            raise Open311Error("attribute_choice", errors.ATTRIBUTE_CHOICE % {"code": code, "choices": choices}, f"attribute[{code}]")
        chosen[code] = text
    for attribute in ATTRIBUTES:
        if attribute.required and attribute.code not in chosen:
            choices = ", ".join(key for key, _label in attribute.values)
            raise Open311Error("attribute_choice", errors.ATTRIBUTE_CHOICE % {"code": attribute.code, "choices": choices},
                               f"attribute[{attribute.code}]")
    return chosen


def request_file(*, key: ApiKey, values: Mapping[str, Any], attributes: Mapping[str, Any]) -> Submission:
    """POST requests: file the hazard report as the key's account, through the riders' own service; all or nothing."""
    if not access.can(key.holder, riders.REPORT):
        raise Open311Error("api_key_cannot_report", errors.KEY_CANNOT_REPORT, "api_key", status=403)
    category = category_for(key.county, values.get("service_code"))
    chosen = attributes_checked(attributes)
    extras = _checked_extras(values)
    lat, lng = values.get("lat"), values.get("long")
    address = values.get("address_string")
    has_point = str(lat or "").strip() != "" or str(lng or "").strip() != ""
    if not has_point and not str(address or "").strip():
        if extras["address_id"]:
            raise Open311Error("address_id_only", errors.ADDRESS_ID_ONLY, "address_id")
        raise Open311Error("location_missing", errors.LOCATION_MISSING, "lat")
    datum = chosen.get("datum", Datum.WGS84)
    with transaction.atomic():
        try:
            report = riders.hazard_report(actor=key.holder, category=category.pk, description=values.get("description"), lat=lat,
                                          lng=lng, datum=datum if has_point else "", address=address or "")
        except RiderError as exc:
            raise Open311Error(exc.code, exc.message, _open311_field(exc.field)) from None
        if report.county_id != key.county_id:
            # Routed into another county (a point across the border): this key's county cannot follow it up.
            raise Open311Error("jurisdiction_other", errors.JURISDICTION_OTHER % {"county": report.county.name}, "lat", status=403)
        submission = Submission.objects.create(report=report, key=key, token=secrets.token_hex(16), attributes=chosen, **extras)
        audit_created(actor=key.holder, obj=submission, unit=report.unit)
    return submission


def _open311_field(field: str | None) -> str | None:
    return {"lng": "long", "address": "address_string", "category": "service_code"}.get(field or "", field)

"""Reads of Open311: the county's services (its hazard categories) and their definition, and hazard reports as
GeoReport v2 service requests — scoped to the key's county and its account's reach, personal data left out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from qingzhuang.audit.models import Event
from qingzhuang.cases.models import Case
from qingzhuang.open311 import errors
from qingzhuang.open311.errors import Open311Error
from qingzhuang.open311.models import ApiKey, Submission
from qingzhuang.open311.services import ATTRIBUTES, KEYS
from qingzhuang.org import access
from qingzhuang.org.models import Region, RegionLevel
from qingzhuang.riders import handoff, selectors
from qingzhuang.riders import services as riders
from qingzhuang.riders.models import OPEN_STATUSES, HazardCategory, HazardReport, HazardStatus

# GeoReport v2, GET requests: "Default query limit is a span of 90 days or first 1000 requests returned, whichever is
# smallest"; start_date and end_date "may not span more than 90 days".
WINDOW_DAYS = 90
LIMIT = 1000
CLOSED = (HazardStatus.FIXED, HazardStatus.REJECTED)


def county_for(code: Any) -> Region:
    """The county whose 6-digit code is ``jurisdiction_id``, or the spec's 404."""
    text = str(code or "").strip()
    county = None
    if text.isascii() and text.isdigit() and len(text) == 6:
        county = Region.objects.filter(code=text, level=RegionLevel.COUNTY).first()
    if county is None:
        shown = text if len(text) <= 20 else text[:19] + "…"
        raise Open311Error("jurisdiction_unknown", errors.JURISDICTION_UNKNOWN % {"value": shown.encode("utf-8", "replace").decode()},
                           "jurisdiction_id", status=404)
    return county


def services_of(county: Region) -> list[HazardCategory]:
    return riders.categories_for(county)


def service_row(category: HazardCategory) -> dict[str, Any]:
    return {"service_code": str(category.pk), "service_name": category.name, "description": category.name,
            "metadata": True, "type": "realtime", "keywords": category.name, "group": _("Hazard reports (隐患上报)")}


def definition(category: HazardCategory) -> dict[str, Any]:
    attributes = [
        {"variable": True, "code": a.code, "datatype": "singlevaluelist", "required": a.required,
         "datatype_description": _("Choose one key of the values."), "order": order, "description": str(a.description),
         "values": [{"key": key, "name": str(label)} for key, label in a.values]}
        for order, a in enumerate(ATTRIBUTES, start=1)
    ]
    return {"service_code": str(category.pk), "attributes": attributes}


def keys_for(user: Any) -> QuerySet[ApiKey]:
    """The Open311 keys of the user's counties, each with the hazard reports filed with it (counted from the
    submissions)."""
    qs = access.scoped_queryset(user, KEYS, ApiKey.objects.select_related("holder", "county", "issued_by"))
    return qs.annotate(filed=Count("submissions")).order_by("-issued_at", "-id")


def reports_in_reach(key: ApiKey) -> QuerySet[HazardReport]:
    """The hazard reports this key may read: of its county, and within its account's reach (staff: the units they
    handle; a rider or volunteer: their own reports)."""
    holder = key.holder
    qs = selectors.reports_to_handle(holder) if access.can(holder, riders.HANDLE) else selectors.my_reports(holder)
    return qs.filter(county=key.county).select_related("category", "unit")


def _when(value: Any, field: str) -> dt.datetime | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text[:40].replace("Z", "+00:00").replace("z", "+00:00")) if len(text) <= 40 else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise Open311Error("date_invalid", errors.DATE_INVALID % {"field": field}, field)
    return moment


def _window(start: Any, end: Any, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    begin, finish = _when(start, "start_date"), _when(end, "end_date")
    span = dt.timedelta(days=WINDOW_DAYS)
    if begin is not None and finish is not None:
        if begin > finish:
            raise Open311Error("date_order", errors.DATE_ORDER, "start_date")
        if finish - begin > span:
            raise Open311Error("date_span", errors.DATE_SPAN % {"days": WINDOW_DAYS}, "end_date")
        return begin, finish
    if begin is not None:
        return begin, begin + span
    if finish is not None:
        return finish - span, finish
    return now - span, now


def _numbers(value: Any, *, code: str, message: Any, field: str, limit: int = LIMIT) -> list[int]:
    parts = [p.strip() for p in str(value).split(",")]
    if len(parts) > limit or not all(p.isascii() and p.isdigit() and len(p) < 12 for p in parts):
        raise Open311Error(code, message, field)
    return [int(p) for p in parts]


def public_reports(county: Region) -> QuerySet[HazardReport]:
    """What anyone may read without a key, when the county allows it (rule ``open311.public_reads``): the county's
    reports but those rejected as false and those of the categories it keeps private."""
    from qingzhuang.gate.rules import rule_by_code, rule_params
    from qingzhuang.open311.rules import names_of

    enabled, params = rule_params(rule_by_code("open311.public_reads"), county)
    if not enabled:
        raise Open311Error("api_key_missing", errors.KEY_NEEDED_HERE % {"county": county.name}, "api_key", status=403)
    private = names_of(params.get("private_categories", ""))
    return (HazardReport.objects.filter(county=county).exclude(status=HazardStatus.REJECTED).exclude(category__name__in=private)
            .select_related("category", "unit"))


def requests_filtered(key: ApiKey | QuerySet[HazardReport], params: Mapping[str, Any], now: dt.datetime | None = None) -> list[HazardReport]:
    """GET requests: service_request_id overrides the rest; else service_code, status and the date window (90 days by
    default), newest first, at most 1,000. Of what the key reaches, or of the public reports given."""
    qs = reports_in_reach(key) if isinstance(key, ApiKey) else key
    ids = str(params.get("service_request_id") or "").strip()
    if ids:
        wanted = _numbers(ids, code="id_list_invalid", message=errors.ID_LIST_INVALID % {"max": LIMIT}, field="service_request_id")
        return list(qs.filter(pk__in=wanted).order_by("-reported_at", "-id")[:LIMIT])
    codes = str(params.get("service_code") or "").strip()
    if codes:
        qs = qs.filter(category_id__in=_numbers(codes, code="code_list_invalid", message=errors.CODE_LIST_INVALID, field="service_code"))
    statuses = {s.strip() for s in str(params.get("status") or "").split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        raise Open311Error("status_invalid", errors.STATUS_INVALID, "status")
    if statuses == {"open"}:
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif statuses == {"closed"}:
        qs = qs.filter(status__in=CLOSED)
    begin, finish = _window(params.get("start_date"), params.get("end_date"), now or timezone.now())
    return list(qs.filter(reported_at__gte=begin, reported_at__lte=finish).order_by("-reported_at", "-id")[:LIMIT])


def request_one(key: ApiKey | QuerySet[HazardReport], value: Any) -> HazardReport:
    text = str(value or "").strip()
    found = None
    if text.isascii() and text.isdigit() and len(text) < 12:
        found = (reports_in_reach(key) if isinstance(key, ApiKey) else key).filter(pk=int(text)).first()
    if found is None:
        shown = text if len(text) <= 20 else text[:19] + "…"
        raise Open311Error("request_unknown", errors.REQUEST_UNKNOWN % {"value": shown.encode("utf-8", "replace").decode()},
                           "service_request_id", status=404)
    return found


def token_request(key: ApiKey | QuerySet[HazardReport], token: Any) -> Submission:
    text = str(token or "").strip()
    found = None
    if text.isascii() and text.isalnum() and len(text) <= 40:
        found = Submission.objects.filter(token=text, report__in=reports_in_reach(key) if isinstance(key, ApiKey) else key).first()
    if found is None:
        shown = text if len(text) <= 20 else text[:19] + "…"
        raise Open311Error("token_unknown", errors.TOKEN_UNKNOWN % {"value": shown.encode("utf-8", "replace").decode()},
                           "token", status=404)
    return found


def _local(moment: dt.datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def service_notice(report: HazardReport) -> str:
    return _("Routed to %(unit)s, which confirms, fixes or rejects it; what it cannot fix alone it raises as a case "
             "to the county's departments (吹哨报到).") % {"unit": report.unit.name}


def _status_notes(report: HazardReport, case: Case | None, reason: str) -> str:
    notes = [str(HazardStatus(report.status).label)]
    if reason:
        notes.append(reason)
    if case is not None:
        notes.append(_("Raised as case %(number)s: %(status)s") % {"number": case.pk, "status": case.get_status_display()})
    return "；".join(notes)


def request_rows(reports: Iterable[HazardReport], *, public: bool = False) -> list[dict[str, Any]]:
    """The reports as GeoReport v2 requests. Never the reporter: no name, phone or email (PIPL). The public view (no key)
    also leaves out the report's words, its photo link and the staff's notes: the status alone."""
    reports = list(reports)
    keys = [str(r.pk) for r in reports]
    events = Event.objects.filter(model="riders.hazardreport", object_id__in=keys)
    updated = dict(events.values("object_id").annotate(last=Max("at")).values_list("object_id", "last"))
    reasons = {e.object_id: e.reason for e in events.exclude(reason="").order_by("at", "id")}
    case_ids = {r.pk: handoff.case_of(r) for r in reports if r.case_ref}
    extras = {s.report_id: s for s in Submission.objects.filter(report__in=reports)}
    rows = []
    for report in reports:
        case = case_ids.get(report.pk)
        extra = extras.get(report.pk)
        rows.append({
            "service_request_id": str(report.pk),
            "status": "open" if report.status in OPEN_STATUSES else "closed",
            "status_notes": report.get_status_display() if public else _status_notes(report, case, reasons.get(str(report.pk), "")),
            "service_name": report.category.name,
            "service_code": str(report.category_id),
            "description": None if public else report.description,
            "agency_responsible": report.unit.name,
            "service_notice": service_notice(report),
            "requested_datetime": _local(report.reported_at),
            "updated_datetime": _local(max(filter(None, (updated.get(str(report.pk)), report.reported_at)))),
            "expected_datetime": _local(case.resolve_due) if case is not None else None,
            "address": report.address or None,
            "address_id": (extra.address_id or None) if extra and not public else None,
            "zipcode": None,
            "lat": report.lat,
            "long": report.lng,
            "media_url": (extra.media_url or None) if extra and not public else None,
        })
    return rows

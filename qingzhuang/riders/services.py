"""Writes of the riders: enrol, change status; report a hazard (routed to a community), add to an open one, decide
it; import community boundaries. Each checks the actor's scope and writes its audit row in the same transaction."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from qingzhuang.audit.services import audit_created, audit_updated, snapshot
from qingzhuang.cases.errors import CaseError
from qingzhuang.ledger.services import ledger_add
from qingzhuang.lib import clock
from qingzhuang.lib.photos import CleanPhoto, PhotoError, files_removed_on_failure, photo_clean
from qingzhuang.lib.validate import choice_value, clean_values, int_value, text_value
from qingzhuang.org import access
from qingzhuang.org.models import Unit, UnitKind
from qingzhuang.riders import errors, geo, handoff, points
from qingzhuang.riders.errors import RiderError
from qingzhuang.riders.models import (
    OPEN_STATUSES,
    CommunityArea,
    Duty,
    HazardAddition,
    HazardCategory,
    HazardPhoto,
    HazardReport,
    HazardStatus,
    MemberStatus,
    Patrol,
    PatrolStatus,
    PointsEntry,
    Publicity,
    Rider,
    StatusChange,
)

MANAGE = "riders.manage"
REPORT = "riders.report"
HANDLE = "riders.handle"
AREAS = "riders.areas"
CATEGORIES = "riders.categories"
MAX_PHOTOS = 6
MAX_COPIES = 10_000  # one hand-out: a rider carries at most a few hundred leaflets; more is a typing slip
PATROL_MAX_HOURS = 24
# The ledger's measures of the riders (declared in component.py; the rollups are kept current here).
MEMBERS, JOINED, LEFT = "riders.members", "riders.joined", "riders.left"
MATERIALS, PATROLS = "riders.materials", "riders.patrols"
REPORTED, CONFIRMED, FIXED = "riders.hazards_reported", "riders.hazards_confirmed", "riders.hazards_fixed"
EARLIEST = dt.date(2000, 1, 1)
_MOBILE = re.compile(r"1[3-9]\d{9}")
# Moves a report may make: staff confirm or reject an open one, and mark a confirmed one fixed.
MOVES = {HazardStatus.OPEN: (HazardStatus.CONFIRMED, HazardStatus.REJECTED), HazardStatus.CONFIRMED: (HazardStatus.FIXED, HazardStatus.REJECTED)}


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _day(value: Any, field: str) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value).strip()[:10])
        except ValueError:
            raise RiderError("date_invalid", errors.DATE_INVALID, field) from None
    if value > clock.today():
        raise RiderError("date_in_future", errors.DATE_IN_FUTURE, field)
    if value < EARLIEST:
        raise RiderError("date_too_early", errors.DATE_TOO_EARLY, field)
    return value


def phone_value(value: Any) -> str:
    """An 11-digit mainland mobile number: full-width digits, spaces, dashes and a +86 prefix are accepted and dropped."""
    text = unicodedata.normalize("NFKC", "" if value is None else str(value)[:40])
    digits = re.sub(r"[\s\-()]", "", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    if not _MOBILE.fullmatch(digits):
        raise RiderError("phone_invalid", errors.PHONE_INVALID, "phone")
    return digits


def _duties(values: Iterable[Any]) -> list[str]:
    chosen: list[str] = []
    for value in list(values)[:10]:
        key = choice_value(value, field="duties", label=Rider._meta.get_field("duties").verbose_name, choices=Duty.choices, error=RiderError)
        if key not in chosen:
            chosen.append(key)
    if not chosen:
        raise RiderError("no_duty", errors.NO_DUTY, "duties")
    return [d for d in Duty.values if d in chosen]


def rider_enrol(
    *, actor: Any, community: Unit, name: Any, phone: Any, duties: Sequence[Any], joined_on: Any, platform: Any = "", station: Any = "",
    title: Any = "", kind: Any = "rider", user: Any = None,
) -> Rider:
    """Enrol a rider or volunteer with the community they serve; their status is active from the day they joined."""
    if actor is not None:
        access.require(actor, MANAGE, community)
    if community.kind not in geo.GRASSROOTS:
        raise RiderError("not_community", errors.NOT_COMMUNITY, "community")
    given = {"name": name, "station": station, "title": title, "kind": kind}
    if platform not in (None, ""):  # the platform may be left out (a volunteer has none)
        given["platform"] = platform
    values = clean_values(Rider, given, error=RiderError)
    number = phone_value(phone)
    chosen = _duties(duties)
    day = _day(joined_on, "joined_on")
    with transaction.atomic():
        if Rider.objects.filter(community=community, phone=number).exists():
            raise RiderError("phone_taken", errors.PHONE_TAKEN % {"community": community.name}, "phone")
        if user is not None and Rider.objects.filter(user=user).exists():
            raise RiderError("user_taken", errors.USER_TAKEN, "user")
        rider = Rider.objects.create(community=community, phone=number, duties=chosen, joined_on=day, user=user,
                                     enrolled_by=_user(actor), **values)
        StatusChange.objects.create(rider=rider, status=MemberStatus.ACTIVE, since=day, recorded_by=_user(actor))
        audit_created(actor=actor, obj=rider, unit=community)
        ledger_add(measure=MEMBERS, unit_id=community.pk, day=day, amount=1.0)
        ledger_add(measure=JOINED, unit_id=community.pk, day=day, amount=1.0)
    return rider


def rider_status_set(*, actor: Any, rider: Rider, status: Any, since: Any, note: Any = "") -> StatusChange:
    """Record that the rider is active, paused or has left from ``since`` on (after their last recorded change)."""
    if actor is not None:
        access.require(actor, MANAGE, rider.community)
    value = choice_value(status, field="status", label=StatusChange._meta.get_field("status").verbose_name,
                         choices=MemberStatus.choices, error=RiderError)
    day = _day(since, "since")
    text = text_value(note, field="note", label=StatusChange._meta.get_field("note").verbose_name, max_length=200, required=False,
                      error=RiderError)
    with transaction.atomic():
        locked = Rider.objects.select_for_update().get(pk=rider.pk)
        last = StatusChange.objects.filter(rider=locked).order_by("-since", "-id").first()
        if day < locked.joined_on:
            raise RiderError("status_before_joined", errors.STATUS_BEFORE_JOINED % {"joined": locked.joined_on.isoformat()}, "since")
        if last is not None:
            if last.status == MemberStatus.LEFT:
                raise RiderError("already_left", errors.ALREADY_LEFT, "status")
            if day <= last.since:
                raise RiderError("status_not_after_last", errors.STATUS_NOT_AFTER_LAST % {"day": last.since.isoformat()}, "since")
            if last.status == value:
                raise RiderError("status_same", errors.STATUS_SAME % {"status": MemberStatus(value).label}, "status")
        change = StatusChange.objects.create(rider=locked, status=value, since=day, note=text, recorded_by=_user(actor))
        audit_created(actor=actor, obj=change, unit=locked.community)
        if value == MemberStatus.LEFT:
            ledger_add(measure=MEMBERS, unit_id=locked.community_id, day=day, amount=-1.0)
            ledger_add(measure=LEFT, unit_id=locked.community_id, day=day, amount=1.0)
    return change


DEFAULT_CATEGORIES = ("楼道杂物堆放", "消防通道堵塞", "井盖破损缺失", "飞线充电", "电线私拉乱接", "路面坑洼积水",
                      "独居老人需要帮助", "其他安全隐患")


def categories_for(county: Any) -> list[HazardCategory]:
    """The county's list of hazard categories, seeded with the common ones the first time it is asked for."""
    found = list(HazardCategory.objects.filter(county=county, is_active=True))
    if found or HazardCategory.objects.filter(county=county).exists():
        return found
    with transaction.atomic():
        for order, name in enumerate(DEFAULT_CATEGORIES):
            HazardCategory.objects.get_or_create(county=county, name=name, defaults={"order": order})
    return list(HazardCategory.objects.filter(county=county, is_active=True))


def category_add(*, actor: Any, county: Any, name: Any) -> HazardCategory:
    """The county office adds a category to its county's list (or brings back one it had retired)."""
    _require_county(actor, county)
    text = text_value(name, field="name", label=HazardCategory._meta.get_field("name").verbose_name, max_length=30, error=RiderError)
    categories_for(county)
    with transaction.atomic():
        found = HazardCategory.objects.filter(county=county, name=text).first()
        if found is not None and found.is_active:
            raise RiderError("category_exists", errors.CATEGORY_EXISTS % {"name": text}, "name")
        if found is not None:
            before = snapshot(found)
            found.is_active = True
            found.save(update_fields=["is_active"])
            audit_updated(actor=actor, obj=found, before=before)
            return found
        last = HazardCategory.objects.filter(county=county).order_by("-order").first()
        category = HazardCategory.objects.create(county=county, name=text, order=(last.order + 1) if last else 0)
        audit_created(actor=actor, obj=category)
    return category


def category_retire(*, actor: Any, category: HazardCategory) -> HazardCategory:
    """Take a category off the county's list; reports already filed under it keep it."""
    _require_county(actor, category.county)
    before = snapshot(category)
    with transaction.atomic():
        category.is_active = False
        category.save(update_fields=["is_active"])
        audit_updated(actor=actor, obj=category, before=before)
    return category


def _require_county(actor: Any, county: Any) -> None:
    if actor is None:
        return
    scopes = access.user_scopes(actor, CATEGORIES)
    if scopes is access.ALL:
        return
    if not any(s.county_id == county.pk for s in scopes):  # type: ignore[union-attr]
        raise PermissionDenied(access.DENIED_MESSAGE)


def home_unit(actor: Any) -> Unit | None:
    """The community a reporter belongs to: their rider record's, else the unit of their reporting role."""
    rider = Rider.objects.filter(user=actor).select_related("community__parent").first() if _user(actor) else None
    if rider is not None:
        return rider.community
    scopes = access.user_scopes(actor, REPORT)
    if isinstance(scopes, list) and scopes:
        return Unit.objects.select_related("parent").get(pk=scopes[0].unit_id)
    return None


def _photos(uploads: Sequence[Any]) -> list[CleanPhoto]:
    files = [u for u in uploads if u is not None]
    if len(files) > MAX_PHOTOS:
        raise RiderError("photo_too_many", errors.PHOTO_TOO_MANY % {"max": MAX_PHOTOS}, "photos")
    try:
        return [photo_clean(f) for f in files]
    except PhotoError as exc:  # the shared checker's refusal, as the riders' error (same code and message)
        raise RiderError(exc.code, exc.message, exc.field) from None


def _save_photos(report: HazardReport, photos: list[CleanPhoto], written: list[str], addition: HazardAddition | None = None) -> None:
    for clean in photos:
        photo = HazardPhoto(report=report, addition=addition, width=clean.width, height=clean.height, sha256=clean.sha256)
        photo.image.save(f"{clean.sha256[:16]}.jpg", ContentFile(clean.image), save=False)
        written.append(photo.image.name)
        photo.thumbnail.save(f"{clean.sha256[:16]}_t.jpg", ContentFile(clean.thumbnail), save=False)
        written.append(photo.thumbnail.name)
        photo.save()


def hazard_report(
    *, actor: Any, category: Any, description: Any, lat: Any = None, lng: Any = None, datum: Any = "", address: Any = "",
    photos: Sequence[Any] = (), now: dt.datetime | None = None, patrol: Patrol | None = None,
) -> HazardReport:
    """A rider reports a hazard: checked, routed to the community whose area holds the point, and handed to the case flow.

    ``patrol``: the reporter's own patrol whose finding this is (巡查发现), linked to the report."""
    if actor is None or not access.can(actor, REPORT):
        access.require(actor, REPORT)
    home = home_unit(actor)
    county_id = home.county_id if home is not None else None
    chosen = HazardCategory.objects.filter(pk=category if isinstance(category, int) else _int(category), county_id=county_id,
                                           is_active=True).first()
    if chosen is None:
        raise RiderError("category_unknown", errors.CATEGORY_UNKNOWN, "category")
    values = clean_values(HazardReport, {"description": description, "address": address}, error=RiderError)
    point = geo.point_wgs84(lat, lng, datum)
    if point is None and not values["address"]:
        raise RiderError("no_location", errors.NO_LOCATION, "address")
    if point is not None:
        geo.check_not_far(*point)
    target = geo.route(point[0] if point else None, point[1] if point else None, home)
    if target is None:
        raise RiderError("not_routable", errors.NOT_ROUTABLE, "address")
    cleaned = _photos(photos)
    rider = Rider.objects.filter(user=actor).first()
    if patrol is not None and (rider is None or patrol.rider_id != rider.pk):
        raise PermissionDenied(access.DENIED_MESSAGE)
    county = target.unit.county_id or county_id
    assert county is not None
    with files_removed_on_failure() as written, transaction.atomic():
        report = HazardReport.objects.create(
            county_id=county, category=chosen, lat=point[0] if point else None, lng=point[1] if point else None,
            datum=datum if point else "", unit=target.unit, routed_by=target.routed_by, reporter=actor, rider=rider,
            reported_at=now or timezone.now(), patrol=patrol, **values)
        _save_photos(report, cleaned, written)
        audit_created(actor=actor, obj=report, unit=target.unit)
        ledger_add(measure=REPORTED, unit_id=target.unit.pk, day=timezone.localdate(report.reported_at), amount=1.0)
    return report


def hazard_escalate(*, actor: Any, report: HazardReport, beyond_power: bool = False, beyond_ability: bool = False) -> HazardReport:
    """The community raises a report it cannot fix alone as a case (吹哨): once, while the report is open."""
    if actor is not None:
        access.require(actor, HANDLE, report.unit)
    with transaction.atomic():
        locked = HazardReport.objects.select_for_update(of=("self",)).select_related("unit", "category", "rider", "reporter").get(pk=report.pk)
        if locked.status not in OPEN_STATUSES:
            raise RiderError("not_open", errors.NOT_OPEN, "report")
        if locked.case_ref:
            raise RiderError("already_case", errors.ALREADY_CASE, "report")
        try:
            case = handoff.hazard_to_case(actor=actor, report=locked, beyond_power=beyond_power, beyond_ability=beyond_ability)
        except CaseError as exc:
            raise RiderError(exc.code, exc.message, exc.field) from None
        before = snapshot(locked)
        locked.case_ref = f"{handoff.REF_PREFIX}{case.pk}"
        locked.save(update_fields=["case_ref"])
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.unit)
    return locked


def _int(value: Any) -> int:
    text = str(value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else 0


def hazard_add_to(*, actor: Any, report: HazardReport, note: Any = "", photos: Sequence[Any] = ()) -> HazardAddition:
    """"是这个吗？ — yes": add a note and photos to an open report nearby instead of filing a second one."""
    access.require(actor, REPORT)
    if report.county_id != getattr(home_unit(actor), "county_id", None):
        access.require(actor, HANDLE, report.unit)
    text = text_value(note, field="note", label=HazardAddition._meta.get_field("note").verbose_name, max_length=500, required=False,
                      error=RiderError)
    cleaned = _photos(photos)
    with files_removed_on_failure() as written, transaction.atomic():
        locked = HazardReport.objects.select_for_update().get(pk=report.pk)
        if locked.status not in OPEN_STATUSES:
            raise RiderError("not_open", errors.NOT_OPEN, "report")
        addition = HazardAddition.objects.create(report=locked, reporter=actor, note=text)
        _save_photos(locked, cleaned, written, addition)
        audit_created(actor=actor, obj=addition, unit=locked.unit)
    return addition


def _ledger_move(report: HazardReport, status: str, at: dt.datetime) -> None:
    """Stamp the confirmation or the fix and count it; a confirmed report rejected later stops counting as confirmed."""
    if status == HazardStatus.CONFIRMED:
        report.confirmed_at = at
        ledger_add(measure=CONFIRMED, unit_id=report.unit_id, day=timezone.localdate(at), amount=1.0)
    elif status == HazardStatus.FIXED:
        report.fixed_at = at
        ledger_add(measure=FIXED, unit_id=report.unit_id, day=timezone.localdate(at), amount=1.0)
    elif status == HazardStatus.REJECTED and report.confirmed_at is not None:
        ledger_add(measure=CONFIRMED, unit_id=report.unit_id, day=timezone.localdate(report.confirmed_at), amount=-1.0)


def hazard_decide(*, actor: Any, report: HazardReport, status: Any, note: Any = "", now: dt.datetime | None = None) -> HazardReport:
    """Staff of the unit it was routed to confirm a report, reject it as false, or mark it fixed."""
    if actor is not None:
        access.require(actor, HANDLE, report.unit)
    value = choice_value(status, field="status", label=HazardReport._meta.get_field("status").verbose_name,
                         choices=HazardStatus.choices, error=RiderError)
    reason = text_value(note, field="note", label=HazardAddition._meta.get_field("note").verbose_name, max_length=500,
                        required=value == HazardStatus.REJECTED, error=RiderError)
    with transaction.atomic():
        locked = HazardReport.objects.select_for_update().get(pk=report.pk)
        if value not in MOVES.get(HazardStatus(locked.status), ()):
            raise RiderError("status_move", errors.STATUS_MOVE % {"from": locked.get_status_display(), "to": HazardStatus(value).label},
                             "status")
        before = snapshot(locked)
        _ledger_move(locked, value, now or timezone.now())
        locked.status = value
        locked.save(update_fields=["status", "confirmed_at", "fixed_at"])
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.unit, reason=reason)
        if value == HazardStatus.CONFIRMED:
            _points_award(locked, actor)
        elif value == HazardStatus.REJECTED:
            _points_take_back(locked, actor, reason)
    return locked


def _points_award(report: HazardReport, actor: Any) -> PointsEntry | None:
    """Points for the reporter's confirmed hazard, by the county's rule: once per report (the unique act), never twice."""
    if report.rider_id is None:
        return None
    return points.points_award(actor=actor, rider=report.rider_id, kind="hazard", act=f"hazard_confirmed:{report.pk}",
                               reason=f"隐患上报经确认：{report.category.name}", county=report.county)


def _points_take_back(report: HazardReport, actor: Any, reason: str) -> PointsEntry | None:
    """A report rejected as false after it earned points: the award is taken back, never below a zero balance."""
    if report.rider_id is None:
        return None
    return points.points_take_back(actor=actor, rider=report.rider_id, award_act=f"hazard_confirmed:{report.pk}",
                                   act=f"hazard_rejected:{report.pk}", reason=f"隐患上报被认定不实：{reason}")


def areas_import(*, actor: Any, text: str) -> int:
    """Import community boundaries (GeoJSON, WGS-84) for communities in the actor's scope: all or nothing."""
    if actor is not None:
        access.require(actor, AREAS)
    units_qs = Unit.objects.filter(kind__in=geo.GRASSROOTS, is_active=True)
    if actor is not None:
        units_qs = access.scoped_queryset(actor, AREAS, units_qs)
    units: dict[str, Unit] = {}
    for unit in units_qs.select_related("region"):
        units.setdefault(unit.name, unit)
        if unit.region.code:
            units[unit.region.code] = unit
    rows = geo.areas_parse(text, units)
    with transaction.atomic():
        for row in rows:
            area = CommunityArea.objects.filter(unit=row.unit).first()
            before = snapshot(area) if area else None
            area = area or CommunityArea(unit=row.unit)
            area.boundary = row.boundary
            area.centre_lat, area.centre_lng = row.centre
            area.min_lat, area.max_lat, area.min_lng, area.max_lng = row.bbox
            area.save()
            if before is None:
                audit_created(actor=actor, obj=area, unit=row.unit)
            else:
                audit_updated(actor=actor, obj=area, before=before, unit=row.unit)
    return len(rows)


def category_department_set(*, actor: Any, category: HazardCategory, department: Unit | None) -> HazardCategory:
    """The county office names the department answerable for a category (消防, 住建, 城管…), or none."""
    _require_county(actor, category.county)
    if department is not None and (department.kind != UnitKind.DEPARTMENT or department.county_id != category.county_id
                                   or not department.is_active):
        raise RiderError("department_unknown", errors.DEPARTMENT_UNKNOWN, "department")
    with transaction.atomic():
        before = snapshot(category)
        category.department = department
        category.save(update_fields=["department"])
        audit_updated(actor=actor, obj=category, before=before)
    return category


def _moment(value: Any, field: str) -> dt.datetime:
    """A moment typed as "2026-12-01 09:30" (or "T", from a datetime-local input), in the site's time zone; not later
    than now (a few minutes' grace for a phone's clock) and not before 2000."""
    moment = value
    if not isinstance(moment, dt.datetime):
        text = str(value or "").strip()[:40]
        try:
            moment = dt.datetime.fromisoformat(text.replace(" ", "T", 1)) if text.isascii() else None
        except ValueError:
            moment = None
        if moment is None:
            raise RiderError("moment_invalid", errors.MOMENT_INVALID, field)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > clock.now() + dt.timedelta(minutes=10):
        raise RiderError("moment_in_future", errors.MOMENT_IN_FUTURE, field)
    if moment.date() < EARLIEST:
        raise RiderError("date_too_early", errors.DATE_TOO_EARLY, field)
    return moment


def _acting_for(actor: Any, rider: Rider | None) -> Rider:
    """The rider an act is recorded for: the actor's own record, or (for the community's staff) the rider they name."""
    own = Rider.objects.filter(user=actor).select_related("community").first() if _user(actor) else None
    if rider is None or (own is not None and rider.pk == own.pk):
        if own is None:
            raise RiderError("not_a_rider", errors.NOT_A_RIDER, "rider")
        access.require(actor, REPORT)
        rider = own
    elif actor is not None:
        access.require(actor, MANAGE, rider.community)
    last = StatusChange.objects.filter(rider=rider).order_by("-since", "-id").first()
    if last is not None and last.status == MemberStatus.LEFT:
        raise RiderError("rider_left", errors.RIDER_LEFT, "rider")
    return rider


def patrol_record(*, actor: Any, area: Any, started_at: Any, ended_at: Any, findings: Any = "", rider: Rider | None = None) -> Patrol:
    """A rider records a patrol they made (巡查), or the community's staff record it for one of their riders."""
    acting = _acting_for(actor, rider)
    values = clean_values(Patrol, {"area": area, "findings": findings}, error=RiderError)
    start, end = _moment(started_at, "started_at"), _moment(ended_at, "ended_at")
    if end <= start:
        raise RiderError("patrol_ends_before", errors.PATROL_ENDS_BEFORE, "ended_at")
    if end - start > dt.timedelta(hours=PATROL_MAX_HOURS):
        raise RiderError("patrol_too_long", errors.PATROL_TOO_LONG % {"hours": PATROL_MAX_HOURS}, "ended_at")
    with transaction.atomic():
        patrol = Patrol.objects.create(rider=acting, community=acting.community, started_at=start, ended_at=end,
                                       day=timezone.localdate(start), recorded_by=_user(actor), **values)
        audit_created(actor=actor, obj=patrol, unit=acting.community)
        ledger_add(measure=PATROLS, unit_id=acting.community_id, day=patrol.day, amount=1.0)
    return patrol


def patrol_decide(*, actor: Any, patrol: Patrol, status: Any, note: Any = "") -> Patrol:
    """The community accepts a patrol (the rider earns the county's points for it, once) or declines it (no longer counted)."""
    if actor is not None:
        access.require(actor, HANDLE, patrol.community)
    value = choice_value(status, field="status", label=Patrol._meta.get_field("status").verbose_name,
                         choices=[(v, label) for v, label in PatrolStatus.choices if v != PatrolStatus.RECORDED], error=RiderError)
    reason = text_value(note, field="note", label=HazardAddition._meta.get_field("note").verbose_name, max_length=500,
                        required=value == PatrolStatus.DECLINED, error=RiderError)
    with transaction.atomic():
        locked = Patrol.objects.select_for_update().get(pk=patrol.pk)
        if locked.status != PatrolStatus.RECORDED:
            raise RiderError("patrol_decided", errors.PATROL_DECIDED % {"status": locked.get_status_display()}, "status")
        before = snapshot(locked)
        locked.status, locked.decided_by, locked.decided_at = value, _user(actor), timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.community, reason=reason)
        if value == PatrolStatus.ACCEPTED:
            points.points_award(actor=actor, rider=locked.rider_id, kind="patrol", act=f"patrol:{locked.pk}",
                                reason=f"巡查经社区认可：{locked.area[:60]}")
        else:
            ledger_add(measure=PATROLS, unit_id=locked.community_id, day=locked.day, amount=-1.0)
    return locked


def publicity_record(*, actor: Any, material: Any, count: Any, place: Any, day: Any, rider: Rider | None = None) -> Publicity:
    """Publicity material a rider handed out (宣传): by the rider, or recorded by the community's staff for one."""
    acting = _acting_for(actor, rider)
    values = clean_values(Publicity, {"material": material, "place": place}, error=RiderError)
    copies = int_value(count, field="count", label=Publicity._meta.get_field("count").verbose_name, minimum=1, maximum=MAX_COPIES,
                       error=RiderError)
    handed = _day(day, "day")
    with transaction.atomic():
        made = Publicity.objects.create(rider=acting, community=acting.community, count=copies, day=handed, recorded_by=_user(actor),
                                        **values)
        audit_created(actor=actor, obj=made, unit=acting.community)
        ledger_add(measure=MATERIALS, unit_id=acting.community_id, day=handed, amount=float(copies))
    return made

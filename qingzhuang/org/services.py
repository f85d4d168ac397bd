"""Writes of the org domain. Each takes the acting user (None for the system itself, e.g. the demo
command), checks the actor's scope through access, and records the change in the audit trail."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db import transaction

from qingzhuang.audit.services import CREATE, DELETE, UPDATE, audit_created, audit_record, audit_updated, diff, snapshot
from qingzhuang.components import board_inputs_changed
from qingzhuang.lib.pinyin import pinyin_keys
from qingzhuang.lib.validate import clean_values
from qingzhuang.org import access, errors
from qingzhuang.org.errors import OrgError
from qingzhuang.org.models import (
    CommunityProfile,
    Person,
    RecipientGroup,
    Region,
    RegionLevel,
    Role,
    RoleAssignment,
    Unit,
    UnitKind,
    User,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
CODE_LENGTHS = {RegionLevel.PROVINCE: 6, RegionLevel.CITY: 6, RegionLevel.COUNTY: 6, RegionLevel.TOWN: 9, RegionLevel.VILLAGE: 12}


# A community profile's figures: past these they are typos (新渭路社区: 3,046 households, 8,895 residents, 11 staff).
PROFILE_RANGES = {"households": (0, 1_000_000), "residents": (0, 10_000_000), "staff": (0, 100_000)}


def _clean(model: Any, values: dict[str, Any], **kwargs: Any) -> list[Any]:
    """Typed values as stored, in order, or OrgError naming the field (length, blank, choices, NUL, ranges)."""
    return list(clean_values(model, values, error=OrgError, **kwargs).values())


def _check(actor: Any, perm: str, obj: Any = None) -> None:
    if actor is not None:
        access.require(actor, perm, obj)


# --- Regions -------------------------------------------------------------------------------


def regions_load(*, path: Path | None = None, only: Iterable[str] | None = None) -> int:
    """Load regions from a CSV (code,name,level,parent_code) in parent-first order; existing codes are kept.

    Returns the number of regions created. Used for the national tree (provinces to counties) and the
    demo's towns and villages; ``only`` restricts the load to those codes (tests).
    """
    path = path or DATA_DIR / "regions.csv"
    wanted = set(only or ())
    with open(path, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if not wanted or r["code"] in wanted]
    existing = dict(Region.objects.filter(code__in=[r["code"] for r in rows] + [r["parent_code"] for r in rows if r["parent_code"]]).values_list("code", "id"))
    created = 0
    with transaction.atomic():
        for level in sorted({int(r["level"]) for r in rows}):
            batch = []
            for row in rows:
                if int(row["level"]) != level or row["code"] in existing:
                    continue
                full, initials = pinyin_keys(row["name"])
                batch.append(
                    Region(
                        code=row["code"],
                        name=row["name"],
                        level=level,
                        parent_id=existing.get(row["parent_code"]) if row["parent_code"] else None,
                        pinyin=full,
                        initials=initials,
                        path="",
                    )
                )
            Region.objects.bulk_create(batch, batch_size=500)
            fresh = list(Region.objects.filter(code__in=[r.code for r in batch]).select_related("parent"))
            for region in fresh:
                region.path = (region.parent.path if region.parent else "/") + f"{region.id}/"
                existing[region.code or ""] = region.id
            Region.objects.bulk_update(fresh, ["path"], batch_size=500)
            created += len(batch)
    return created


def region_create(*, actor: Any, parent: Region, name: str, code: str | None = None) -> Region:
    """Add a town/street or village/community region below ``parent``."""
    _check(actor, "org.manage_unit")
    if actor is not None and not access.scoped_queryset(actor, "org.manage_unit", Region.objects.filter(pk=parent.pk)).exists():
        raise access.PermissionDenied(access.DENIED_MESSAGE)
    if parent.level < RegionLevel.COUNTY or parent.level >= RegionLevel.VILLAGE:
        raise OrgError("region_level", str(errors.REGION_LEVEL), "parent")
    level = RegionLevel(parent.level + 1)
    (name,) = _clean(Region, {"name": name})
    code = (code or "").strip() or None
    if code is not None:
        if not code.isdigit() or len(code) != CODE_LENGTHS[level]:
            raise OrgError("region_code_shape", str(errors.REGION_CODE_SHAPE), "code")
        if parent.code and not code.startswith(parent.code):
            raise OrgError("region_code_parent", str(errors.REGION_CODE_PARENT % {"code": code, "parent": parent.code}), "code")
        taken = Region.objects.filter(code=code).first()
        if taken:
            raise OrgError("region_code_taken", str(errors.REGION_CODE_TAKEN % {"code": code, "name": taken.name}), "code")
    full, initials = pinyin_keys(name)
    with transaction.atomic():
        region = Region.objects.create(code=code, name=name, level=level, parent=parent, pinyin=full, initials=initials, path="")
        region.path = f"{parent.path}{region.id}/"
        region.save(update_fields=["path"])
        audit_created(actor=actor, obj=region)
    return region


def county_of(region: Region) -> Region | None:
    if region.level == RegionLevel.COUNTY:
        return region
    if region.level < RegionLevel.COUNTY:
        return None
    for ancestor in region.ancestors():
        if ancestor.level == RegionLevel.COUNTY:
            return ancestor
    return None


# --- Units ---------------------------------------------------------------------------------


def unit_create(
    *,
    actor: Any,
    name: str,
    kind: str,
    region: Region,
    parent: Unit | None = None,
    short_name: str = "",
) -> Unit:
    if actor is not None:
        # The new unit must land inside the actor's scope: check against its parent.
        if parent is None:
            if not access.is_system_admin(actor):
                raise access.PermissionDenied(access.DENIED_MESSAGE)
        else:
            access.require(actor, "org.manage_unit", parent)
    name, short_name, kind = _clean(Unit, {"name": name, "short_name": short_name, "kind": kind})
    if parent is not None and not region.path.startswith(parent.region.path):
        raise OrgError("parent_outside_region", str(errors.PARENT_OUTSIDE_REGION), "parent")
    if Unit.objects.filter(region=region, name=name).exists():
        raise OrgError("unit_name_taken", str(errors.UNIT_NAME_TAKEN % {"name": name, "region": region.name}), "name")
    full, initials = pinyin_keys(name)
    county = county_of(region)
    with transaction.atomic():
        unit = Unit.objects.create(
            name=name,
            short_name=short_name,
            kind=kind,
            region=region,
            parent=parent,
            county=county,
            pinyin=full,
            initials=initials,
            path="",
        )
        unit.path = (parent.path if parent else "/") + f"{unit.id}/"
        unit.save(update_fields=["path"])
        audit_created(actor=actor, obj=unit, unit=unit)
    return unit


def unit_update(*, actor: Any, unit: Unit, name: str | None = None, short_name: str | None = None, is_active: bool | None = None) -> Unit:
    _check(actor, "org.manage_unit", unit)
    if name is not None:
        (name,) = _clean(Unit, {"name": name})
    if short_name is not None:
        (short_name,) = _clean(Unit, {"short_name": short_name})
    before = snapshot(unit)
    if name is not None and name != unit.name:
        if Unit.objects.filter(region=unit.region, name=name).exclude(pk=unit.pk).exists():
            raise OrgError("unit_name_taken", str(errors.UNIT_NAME_TAKEN % {"name": name, "region": unit.region.name}), "name")
        unit.name = name
        unit.pinyin, unit.initials = pinyin_keys(name)
    if short_name is not None:
        unit.short_name = short_name
    if is_active is not None:
        unit.is_active = is_active
    with transaction.atomic():
        unit.save()
        audit_updated(actor=actor, obj=unit, before=before, unit=unit)
        board_inputs_changed({unit.county_id})
    return unit


# --- Community profiles --------------------------------------------------------------------


def profile_set(
    *,
    actor: Any,
    unit: Unit,
    valid_from: dt.date,
    households: int,
    residents: int,
    staff: int,
    valid_to: dt.date | None = None,
) -> CommunityProfile:
    """Record a community's size from ``valid_from``; the open profile before it is closed the day before."""
    _check(actor, "org.manage_profile", unit)
    if unit.kind not in (UnitKind.COMMUNITY, UnitKind.VILLAGE):
        raise OrgError("profile_not_grassroots", str(errors.PROFILE_NOT_GRASSROOTS), "unit")
    households, residents, staff = _clean(
        CommunityProfile, {"households": households, "residents": residents, "staff": staff}, ranges=PROFILE_RANGES
    )
    with transaction.atomic():
        existing = CommunityProfile.objects.select_for_update().filter(unit=unit, valid_from=valid_from).first()
        if existing:
            before = snapshot(existing)
            existing.households, existing.residents, existing.staff, existing.valid_to = households, residents, staff, valid_to
            existing.save()
            audit_updated(actor=actor, obj=existing, before=before, unit=unit)
            board_inputs_changed({unit.county_id})
            return existing
        previous = CommunityProfile.objects.filter(unit=unit, valid_from__lt=valid_from).order_by("-valid_from").first()
        if previous and (previous.valid_to is None or previous.valid_to >= valid_from):
            before = snapshot(previous)
            previous.valid_to = valid_from - dt.timedelta(days=1)
            previous.save(update_fields=["valid_to"])
            audit_updated(actor=actor, obj=previous, before=before, unit=unit)
        following = CommunityProfile.objects.filter(unit=unit, valid_from__gt=valid_from).order_by("valid_from").first()
        if following and (valid_to is None or valid_to >= following.valid_from):
            raise OrgError("profile_overlap", str(errors.PROFILE_OVERLAP % {"start": following.valid_from}), "valid_to")
        profile = CommunityProfile.objects.create(
            unit=unit, valid_from=valid_from, valid_to=valid_to, households=households, residents=residents, staff=staff
        )
        audit_created(actor=actor, obj=profile, unit=unit)
        # The 小马拉大车 index divides by the staff: the county's cached boards are stale.
        board_inputs_changed({unit.county_id})
    return profile


# --- People, users and roles ---------------------------------------------------------------


def person_create(
    *, actor: Any, name: str, kind: str, unit: Unit, phone: str = "", id_number: str = "", position: str = ""
) -> Person:
    _check(actor, "org.manage_people", unit)
    name, kind, phone, id_number, position = _clean(
        Person, {"name": name, "kind": kind, "phone": phone, "id_number": id_number, "position": position}
    )
    with transaction.atomic():
        person = Person.objects.create(
            name=name, kind=kind, unit=unit, phone=phone, id_number=id_number, position=position, pinyin=pinyin_keys(name)[0]
        )
        audit_created(actor=actor, obj=person, unit=unit)
    return person


def user_create(*, actor: Any, username: str, password: str | None, person: Person | None = None, language: str = "zh-hans") -> User:
    if actor is not None:
        access.require(actor, "org.assign_roles", person.unit if person else None)
    username, language = _clean(User, {"username": username, "language": language})
    with transaction.atomic():
        user = User(username=username, person=person, language=language)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        audit_created(actor=actor, obj=user, unit=person.unit if person else None)
    return user


# Roles a county reviewer may hand out inside their county; a system administrator grants any.
DELEGABLE_ROLES = frozenset(r for r in Role if r != Role.SYSTEM_ADMIN)


def role_assign(*, actor: Any, user: User, role: str, unit: Unit, include_below: bool = False) -> RoleAssignment:
    (role,) = _clean(RoleAssignment, {"role": role})
    if actor is not None:
        access.require(actor, "org.assign_roles", unit)
        if role not in DELEGABLE_ROLES and not access.is_system_admin(actor):
            raise OrgError("role_not_grantable", str(errors.ROLE_NOT_GRANTABLE), "role")
    with transaction.atomic():
        assignment, created = RoleAssignment.objects.get_or_create(
            user=user, role=role, unit=unit, defaults={"include_below": include_below}
        )
        if created:
            audit_created(actor=actor, obj=assignment, unit=unit)
        elif assignment.include_below != include_below:
            before = snapshot(assignment)
            assignment.include_below = include_below
            assignment.save(update_fields=["include_below"])
            audit_updated(actor=actor, obj=assignment, before=before, unit=unit)
    if hasattr(user, "_qz_assignments"):
        del user._qz_assignments
    return assignment


# --- Recipient groups ----------------------------------------------------------------------

GROUP_PERMISSION = "org.recipient_groups"
# Every grassroots unit of a large county fits; past this a list is a typo or a script.
GROUP_MAX_MEMBERS = 2000


def _group_members(actor: Any, owner: Unit, members: Iterable[Unit]) -> list[Unit]:
    """The members as stored, or OrgError: none, too many, deactivated, outside the actor's view or the owner's county."""
    units = list({u.pk: u for u in members}.values())
    if not units:
        raise OrgError("group_empty", str(errors.GROUP_EMPTY), "members")
    if len(units) > GROUP_MAX_MEMBERS:
        raise OrgError("group_too_big", str(errors.GROUP_TOO_BIG % {"max": f"{GROUP_MAX_MEMBERS:,}"}), "members")
    visible = None
    if actor is not None:
        visible = set(
            access.scoped_queryset(actor, "org.view_unit", Unit.objects.filter(pk__in=[u.pk for u in units])).values_list("pk", flat=True)
        )
    for unit in sorted(units, key=lambda u: u.path):
        outside = (visible is not None and unit.pk not in visible) or (owner.county_id and unit.county_id != owner.county_id)
        if outside:
            raise OrgError("group_member_outside", str(errors.GROUP_MEMBER_OUTSIDE % {"unit": unit.name}), "members")
        if not unit.is_active:
            raise OrgError("group_member_inactive", str(errors.GROUP_MEMBER_INACTIVE % {"unit": unit.name}), "members")
    return units


def _group_name(owner: Unit, name: Any, *, exclude: int | None = None) -> str:
    (name,) = _clean(RecipientGroup, {"name": name})
    taken = RecipientGroup.objects.filter(owner=owner, name=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise OrgError("group_name_taken", str(errors.GROUP_NAME_TAKEN % {"unit": owner.name, "name": name}), "name")
    return name


def recipient_group_create(*, actor: Any, owner: Unit, name: str, members: Iterable[Unit]) -> RecipientGroup:
    """Save a named set of recipients for ``owner``'s staff to reuse."""
    _check(actor, GROUP_PERMISSION, owner)
    name = _group_name(owner, name)
    units = _group_members(actor, owner, members)
    with transaction.atomic():
        group = RecipientGroup.objects.create(owner=owner, name=name, created_by=actor if getattr(actor, "pk", None) else None)
        group.members.set(units)
        changes = {**diff({}, snapshot(group)), "members": [None, sorted(u.pk for u in units)]}
        audit_record(actor=actor, action=CREATE, obj=group, changes=changes, unit=owner)
    return group


def recipient_group_update(
    *, actor: Any, group: RecipientGroup, name: str | None = None, members: Iterable[Unit] | None = None
) -> RecipientGroup:
    """Rename a group and/or replace its members."""
    _check(actor, GROUP_PERMISSION, group)
    new_name = _group_name(group.owner, name, exclude=group.pk) if name is not None else None
    units = _group_members(actor, group.owner, members) if members is not None else None
    with transaction.atomic():
        group = RecipientGroup.objects.select_for_update().get(pk=group.pk)
        before = snapshot(group, ["name"])
        old_members = sorted(group.members.values_list("pk", flat=True))
        if new_name is not None:
            group.name = new_name
            group.save()
        changes = diff(before, snapshot(group, ["name"]))
        if units is not None:
            new_members = sorted(u.pk for u in units)
            if new_members != old_members:
                group.members.set(units)
                changes["members"] = [old_members, new_members]
        if changes:
            audit_record(actor=actor, action=UPDATE, obj=group, changes=changes, unit=group.owner)
    return group


def recipient_group_delete(*, actor: Any, group: RecipientGroup) -> None:
    _check(actor, GROUP_PERMISSION, group)
    with transaction.atomic():
        changes = {**diff(snapshot(group), {}), "members": [sorted(group.members.values_list("pk", flat=True)), None]}
        audit_record(actor=actor, action=DELETE, obj=group, changes=changes, unit=group.owner)
        group.delete()

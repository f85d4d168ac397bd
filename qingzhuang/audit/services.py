"""Write the audit trail. Services call these inside their own transaction, so a change and its
record land together or not at all."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.db.models import Model
from django.db.models.fields.files import FieldFile

from qingzhuang.audit.models import Event
from qingzhuang.org import access

CREATE = "create"
UPDATE = "update"
DELETE = "delete"
EXPORT = "export"


def _plain(value: Any) -> Any:
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, (dt.date, dt.datetime, dt.time, decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def snapshot(obj: Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The object's concrete field values, as JSON-safe data (foreign keys as ids)."""
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in ("password",):
            continue
        values[field.name] = _plain(getattr(obj, field.attname))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for fields that changed; a missing side is None."""
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: Model,
    changes: dict[str, Any] | None = None,
    unit: Model | None = None,
    reason: str = "",
) -> Event:
    """Record one change. ``unit`` is the unit the object belongs to (who may read the event)."""
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    return Event.objects.create(
        actor=actor_user,
        actor_name=getattr(actor_user, "username", "") or "system",
        action=action,
        model=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        unit=unit,  # type: ignore[misc]
        changes=changes or {},
        reason=reason,
    )


def audit_created(*, actor: Any, obj: Model, unit: Model | None = None, reason: str = "") -> Event:
    return audit_record(actor=actor, action=CREATE, obj=obj, changes=diff({}, snapshot(obj)), unit=unit, reason=reason)


def audit_updated(
    *, actor: Any, obj: Model, before: dict[str, Any], unit: Model | None = None, reason: str = ""
) -> Event | None:
    """Record an update if anything changed; returns None when nothing did."""
    changes = diff(before, snapshot(obj))
    if not changes:
        return None
    return audit_record(actor=actor, action=UPDATE, obj=obj, changes=changes, unit=unit, reason=reason)


def audit_deleted(*, actor: Any, obj: Model, unit: Model | None = None, reason: str = "") -> Event:
    return audit_record(actor=actor, action=DELETE, obj=obj, changes=diff(snapshot(obj), {}), unit=unit, reason=reason)


def audit_trail_exported(*, actor: Any, fmt: str, query: str, rows: int | None = None) -> Event:
    """Record that ``actor`` exported the audit trail (等保: reading the trail out is itself on the trail).

    The event belongs to the unit the actor reads the trail for (their first scope), so the people over
    that unit see who took it out; a system administrator's export belongs to no unit (administrators only).
    """
    scopes = access.user_scopes(actor, "audit.view")
    unit_id = scopes[0].unit_id if isinstance(scopes, list) and scopes else None
    changes: dict[str, Any] = {"format": fmt, "filters": query}
    if rows is not None:
        changes["rows"] = rows
    return Event.objects.create(
        actor=actor,
        actor_name=actor.username,
        action=EXPORT,
        model=Event._meta.label_lower,
        object_id="",
        object_repr=f"{Event._meta.verbose_name_plural} ({fmt})"[:200],
        unit_id=unit_id,
        changes=changes,
    )

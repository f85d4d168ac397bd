"""Reads of the audit trail, always through the reader's scope, and the rows people see and export."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Field, Model, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from qingzhuang.audit.models import Event
from qingzhuang.org import access
from qingzhuang.org.models import Unit, User
from qingzhuang.org.privacy import mask_id_number, mask_phone

VIEW = "audit.view"
EMPTY = "—"
ARROW = "→"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
# Spreadsheet cells hold at most 32,767 characters.
CELL_LIMIT = 32000

# Columns of the list page, in order; the exports use the very same ones.
COLUMNS = (
    gettext_lazy("Time"),
    gettext_lazy("Actor"),
    pgettext_lazy("audit", "Action"),
    gettext_lazy("Object type"),
    gettext_lazy("Object"),
    gettext_lazy("Unit"),
    gettext_lazy("Changes (before → after)"),
    gettext_lazy("Reason"),
)

ACTION_LABELS = {
    "create": gettext_lazy("Created"),
    "update": gettext_lazy("Changed"),
    "delete": gettext_lazy("Deleted"),
    "revoke": gettext_lazy("Revoked"),
    "override": gettext_lazy("Overridden"),
    "set_password": gettext_lazy("Password set"),
    "export": gettext_lazy("Exported"),
    "login": gettext_lazy("Signed in"),
    "logout": gettext_lazy("Signed out"),
    "login_failed": gettext_lazy("Failed sign-in"),
    "password_change": gettext_lazy("Password changed"),
    "attendance": gettext_lazy("Attendance recorded"),
    # A resident's personal record opened, and a phone number shown on demand (个人信息保护法: every read is logged).
    "read": gettext_lazy("Record read"),
    "reveal_phone": gettext_lazy("Phone number shown"),
}

# Bookkeeping columns that mean nothing to a reader (search keys, materialised paths, hashes).
INTERNAL_FIELDS = frozenset({"id", "path", "pinyin", "initials", "key_hash", "fingerprint", "sequence", "updated", "updated_at"})

# Labels for fields whose model gives no translated verbose name.
FALLBACK_LABELS = {
    "county": gettext_lazy("county"),
    "created": gettext_lazy("created"),
    "revoked": gettext_lazy("revoked"),
    "last_used": gettext_lazy("last used"),
    "prefix": gettext_lazy("key prefix"),
    "user": gettext_lazy("user"),
    "item": gettext_lazy("item"),
    "address": gettext_lazy("client address"),
    "meeting": gettext_lazy("meeting"),
    "speeches": gettext_lazy("speeches"),
    "decided_at": gettext_lazy("decided at"),
    "attendance": gettext_lazy("attendance"),
}

# JSON fields keyed by unit id ({"112": 1}): shown as unit names.
UNIT_KEYED_FIELDS = {("meetings.meeting", "attendance")}

# Residents' personal data stays masked in the trail for readers who may not see it in clear.
SENSITIVE_FIELDS: dict[str, dict[str, Callable[[str], str]]] = {
    "org.person": {"phone": mask_phone, "id_number": mask_id_number},
}


@dataclass(frozen=True)
class EventFilter:
    start: dt.date | None = None
    end: dt.date | None = None
    actor: str = ""
    action: str = ""
    model: str = ""
    unit: int | None = None
    q: str = ""


def events_visible(user: Any) -> QuerySet[Event]:
    return access.scoped_queryset(user, VIEW, Event.objects.all())


def latest_event_id() -> int:
    """The newest event's id (0 when none): an export reads the trail up to it, a snapshot at the click."""
    return Event.objects.order_by("-id").values_list("id", flat=True).first() or 0


def units_for_filter(user: Any) -> QuerySet[Unit]:
    """The units whose trail the user may read: the choices of the unit filter."""
    return access.scoped_queryset(user, VIEW, Unit.objects.all()).order_by("path")


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def event_search(*, user: Any, filters: EventFilter) -> QuerySet[Event]:
    events = events_visible(user).select_related("actor__person", "unit")
    if filters.start:
        events = events.filter(at__gte=_day_start(filters.start))
    if filters.end:
        events = events.filter(at__lt=_day_start(filters.end + dt.timedelta(days=1)))
    if filters.actor.strip():
        who = filters.actor.strip()
        events = events.filter(Q(actor_name__icontains=who) | Q(actor__person__name__icontains=who))
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.model:
        events = events.filter(model=filters.model)
    if filters.unit is not None:
        # A unit stands for its subtree: 永乐街道 includes its communities.
        unit = units_for_filter(user).filter(pk=filters.unit).first()
        events = events.filter(unit__path__startswith=unit.path) if unit else events.none()
    if filters.q.strip():
        text = filters.q.strip()
        events = events.filter(Q(object_repr__icontains=text) | Q(object_id=text))
    return events.order_by("-at", "-id")


def action_choices(user: Any) -> list[tuple[str, str]]:
    found = events_visible(user).order_by().values_list("action", flat=True).distinct()
    return sorted(((a, action_label(a)) for a in found), key=lambda c: c[1])


def model_choices(user: Any) -> list[tuple[str, str]]:
    found = events_visible(user).order_by().values_list("model", flat=True).distinct()
    return sorted(((m, model_label(m)) for m in found), key=lambda c: c[1])


def object_history(*, user: Any, model: str, object_id: str) -> QuerySet[Event]:
    """One object's events: 404 when it has none, 403 when none of them is in the user's scope."""
    access.require(user, VIEW)
    if not Event.objects.filter(model=model, object_id=object_id).exists():
        raise Http404
    events = events_visible(user).filter(model=model, object_id=object_id)
    if not events.exists():
        raise PermissionDenied(access.DENIED_MESSAGE)
    return events.select_related("actor__person", "unit").order_by("-at", "-id")


# --- Presentation ---------------------------------------------------------------------------


def model_class(label: str) -> type[Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def model_label(label: str) -> str:
    model = model_class(label)
    return str(model._meta.verbose_name) if model is not None else label


def action_label(action: str) -> str:
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def _field(model: type[Model] | None, name: str) -> Field[Any, Any] | None:
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, Field) else None


@cache
def _choices(f: Field[Any, Any]) -> dict[Any, Any]:
    return dict(f.flatchoices)


def _field_order(model: type[Model] | None, name: str) -> tuple[int, str]:
    """Changes are listed in the model's field order, as its form shows them."""
    names = [f.name for f in model._meta.concrete_fields] if model is not None else []
    return (names.index(name) if name in names else len(names), name)


def field_label(model: type[Model] | None, name: str) -> str:
    f = _field(model, name)
    if f is not None and str(f.verbose_name) != name.replace("_", " "):
        return str(f.verbose_name)
    fallback = FALLBACK_LABELS.get(name)
    return str(fallback) if fallback is not None else (str(f.verbose_name) if f is not None else name)


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: str
    after: str

    def text(self) -> str:
        return f"{self.label}: {self.before} {ARROW} {self.after}"


@dataclass(frozen=True)
class EventRow:
    event: Event
    at: str
    actor: str
    action: str
    object_type: str
    object: str
    unit: str
    reason: str
    changes: list[Change] = field(default_factory=list)

    @property
    def history_url(self) -> str:
        """The object's history page; "" for an event about no single object (an export of the trail)."""
        if not self.event.object_id:
            return ""
        return reverse("audit:object", args=[self.event.model, self.event.object_id])

    def changes_text(self) -> str:
        return "\n".join(c.text() for c in self.changes)

    def cells(self) -> list[str]:
        """The row as the list page shows it, one string per column of COLUMNS."""
        values = [self.at, self.actor, self.action, self.object_type, self.object, self.unit, self.changes_text(), self.reason]
        return [v[:CELL_LIMIT] for v in values]


class EventPresenter:
    """Turns events into readable rows for one reader: labels translated, references named, personal data masked."""

    def __init__(self, user: Any) -> None:
        ids = access.unit_ids_for(user, "org.view_personal_data")
        self._clear_units: set[int] | None = None if ids is None else {row["id"] for row in ids}
        # Filled batch by batch and kept: an export of 100,000 events names the same few people and units.
        self._actors: dict[int, str] = {}
        self._units: dict[int, str] = {}
        self._labels: dict[tuple[str, str], str] = {}
        self._yes_no = {True: _("Yes"), False: _("No")}

    def _sees_personal_data(self, event: Event) -> bool:
        return self._clear_units is None or (event.unit_id is not None and event.unit_id in self._clear_units)

    def raw_changes(self, event: Event) -> dict[str, list[Any]]:
        """The stored {field: [before, after]}, with personal data masked for this reader."""
        changes = dict(event.changes or {})
        masks = SENSITIVE_FIELDS.get(event.model, {})
        if masks and not self._sees_personal_data(event):
            for name, mask in masks.items():
                if name in changes:
                    changes[name] = [mask(str(v)) if v else v for v in changes[name]]
        return {k: v for k, v in changes.items() if k not in INTERNAL_FIELDS}

    def rows(self, events: Iterable[Event]) -> list[EventRow]:
        events = list(events)
        names = self._referenced_names(events)
        self._name_actors_and_units(events)
        return [self._row(event, names) for event in events]

    def _name_actors_and_units(self, events: list[Event]) -> None:
        actor_ids = {e.actor_id for e in events if e.actor_id is not None and e.actor_id not in self._actors}
        for user in User.objects.filter(pk__in=actor_ids).select_related("person"):
            name = user.display_name
            self._actors[user.pk] = (
                name if name == user.username else _("%(name)s (%(username)s)") % {"name": name, "username": user.username}
            )
        unit_ids = {e.unit_id for e in events if e.unit_id is not None and e.unit_id not in self._units}
        self._units.update(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))

    def _actor(self, event: Event) -> str:
        if event.actor_id is not None and event.actor_id in self._actors:
            return self._actors[event.actor_id]
        return _("System") if event.actor_name in ("", "system") else event.actor_name

    def _label(self, kind: str, key: str) -> str:
        cached = self._labels.get((kind, key))
        if cached is None:
            model_name, _sep, field_name = key.partition(":")
            if kind == "field":
                cached = field_label(model_class(model_name), field_name)
            elif kind == "model":
                cached = model_label(key)
            else:
                cached = action_label(key)
            self._labels[(kind, key)] = cached
        return cached

    def iter_rows(self, events: Iterable[Event], batch_size: int = 1000) -> Iterator[EventRow]:
        """Rows for a long stream of events, naming references one batch at a time."""
        batch: list[Event] = []
        for event in events:
            batch.append(event)
            if len(batch) >= batch_size:
                yield from self.rows(batch)
                batch = []
        if batch:
            yield from self.rows(batch)

    def _referenced_names(self, events: list[Event]) -> dict[tuple[type[Model], str], str]:
        wanted: dict[type[Model], set[Any]] = defaultdict(set)
        for event in events:
            model = model_class(event.model)
            for name, pair in (event.changes or {}).items():
                if (event.model, name) in UNIT_KEYED_FIELDS:
                    for value in pair if isinstance(pair, list) else []:
                        wanted[Unit].update(int(k) for k in (value or {}) if str(k).isdigit())
                    continue
                f = _field(model, name)
                if f is None or not f.is_relation or f.related_model is None:
                    continue
                related = f.related_model
                assert isinstance(related, type)
                for value in pair if isinstance(pair, list) else []:
                    # A many-to-many field stores a list of ids on each side.
                    for one in (value if f.many_to_many and isinstance(value, list) else [value]):
                        if one not in (None, ""):
                            wanted[related].add(one)
        names: dict[tuple[type[Model], str], str] = {}
        for related, ids in wanted.items():
            for pk, obj in related._base_manager.in_bulk(list(ids)).items():
                names[(related, str(pk))] = str(obj)
        return names

    def _value(self, f: Field[Any, Any] | None, value: Any, names: dict[tuple[type[Model], str], str]) -> str:
        if value is None or value == "" or value == []:
            return EMPTY
        if f is not None and f.is_relation and f.related_model is not None and not isinstance(f.related_model, str):
            if f.many_to_many and isinstance(value, list):
                return "、".join(names.get((f.related_model, str(v)), f"#{v}") for v in value)
            return names.get((f.related_model, str(value)), f"#{value}")
        if f is not None and f.choices:
            return str(_choices(f).get(value, value))
        if isinstance(value, bool):
            return self._yes_no[value]
        if isinstance(value, (list, dict)):
            return self._structured(value)
        if isinstance(value, str) and f is not None and f.get_internal_type() == "DateTimeField":
            parsed = parse_datetime(value)
            if parsed is not None:
                return timezone.localtime(parsed).strftime(TIME_FORMAT) if timezone.is_aware(parsed) else str(parsed)
        return str(value)

    def _structured(self, value: Any) -> str:
        """A JSON value in words: items joined, nested lists on one line each, no brackets or quotes."""
        if isinstance(value, dict):
            return "；".join(f"{k}：{self._structured(v)}" for k, v in value.items()) or EMPTY
        if isinstance(value, list):
            return ("；" if any(isinstance(v, (list, dict)) for v in value) else "、").join(
                " · ".join(self._structured(x) for x in v) if isinstance(v, list) else self._structured(v) for v in value
            ) or EMPTY
        if isinstance(value, bool):
            return self._yes_no[value]
        return str(value)

    def _described(self, model: type[Model] | None, event: Event, name: str, value: Any, names: dict[tuple[type[Model], str], str]) -> str | None:
        """A value the owning model words itself (``audit_describe``), or a unit-keyed map named by units."""
        if (event.model, name) in UNIT_KEYED_FIELDS and isinstance(value, dict):
            return "；".join(f"{names.get((Unit, str(k)), f'#{k}')}：{v}" for k, v in value.items()) or EMPTY
        describe = getattr(model, "audit_describe", None)
        if describe is not None and value not in (None, ""):
            return describe(name, value, event.object_id)  # type: ignore[no-any-return]
        return None

    def _row(self, event: Event, names: dict[tuple[type[Model], str], str]) -> EventRow:
        model = model_class(event.model)
        changes = []
        for name, pair in sorted(self.raw_changes(event).items(), key=lambda item: _field_order(model, item[0])):
            before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
            f = _field(model, name)
            shown = tuple(
                described if (described := self._described(model, event, name, value, names)) is not None else self._value(f, value, names)
                for value in (before, after)
            )
            if shown[0] == shown[1]:
                continue
            label = self._label("field", f"{event.model}:{name}")
            changes.append(Change(field=name, label=label, before=shown[0], after=shown[1]))
        return EventRow(
            event=event,
            at=timezone.localtime(event.at).strftime(TIME_FORMAT),
            actor=self._actor(event),
            action=self._label("action", event.action),
            object_type=self._label("model", event.model),
            object=event.object_repr,
            unit=self._units.get(event.unit_id, "") if event.unit_id is not None else "",
            reason=event.reason,
            changes=changes,
        )


def event_rows(*, user: Any, events: Iterable[Event]) -> list[EventRow]:
    return EventPresenter(user).rows(events)

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from qingzhuang.audit import selectors
from qingzhuang.audit.selectors import EventFilter, EventPresenter
from qingzhuang.org import access

router = Router()
MAX_LIMIT = 500


class EventQuery(Schema):
    start: dt.date | None = None
    end: dt.date | None = None
    actor: str = ""
    action: str = ""
    model: str = ""
    unit: int | None = None
    q: str = ""
    limit: int = 50
    offset: int = 0


class ChangeOut(Schema):
    field: str
    label: str
    before: Any
    after: Any


class EventOut(Schema):
    id: int
    at: dt.datetime
    actor: str | None
    actor_name: str
    action: str
    model: str
    object_id: str
    object_repr: str
    unit_id: int | None
    unit_name: str | None
    changes: list[ChangeOut]
    reason: str


class EventPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[EventOut]


@router.get("/events", response=EventPage, summary="Audit events in your scope, newest first, with the list page's filters")
def events(request: HttpRequest, params: Query[EventQuery]) -> Any:
    user: Any = request.user
    access.require(user, selectors.VIEW)
    filters = EventFilter(
        start=params.start, end=params.end, actor=params.actor, action=params.action,
        model=params.model, unit=params.unit, q=params.q,
    )
    found = selectors.event_search(user=user, filters=filters)
    limit = max(1, min(params.limit, MAX_LIMIT))
    offset = max(0, params.offset)
    presenter = EventPresenter(user)
    items = []
    for event in found[offset : offset + limit]:
        model = selectors.model_class(event.model)
        changes = [
            ChangeOut(field=name, label=selectors.field_label(model, name), before=pair[0], after=pair[1])
            for name, pair in presenter.raw_changes(event).items()
            if isinstance(pair, list) and len(pair) == 2
        ]
        items.append(
            EventOut(
                id=event.id,
                at=event.at,
                actor=event.actor.username if event.actor else None,
                actor_name=event.actor_name,
                action=event.action,
                model=event.model,
                object_id=event.object_id,
                object_repr=event.object_repr,
                unit_id=event.unit_id,
                unit_name=event.unit.name if event.unit else None,
                changes=changes,
                reason=event.reason,
            )
        )
    return EventPage(count=found.count(), limit=limit, offset=offset, items=items)

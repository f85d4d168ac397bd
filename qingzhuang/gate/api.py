"""The gate's API: quotas in scope, the county's board, notices."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from qingzhuang.gate import selectors, services
from qingzhuang.gate.models import Notice
from qingzhuang.org import access

router = Router()


class QuotaOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    year: int
    kind: str
    kind_label: str  # the kind in the reader's language (发文, 会议)
    limit: int
    used: int
    left: int
    colour: str


class CellOut(Schema):
    kind: str
    colour: str
    used: int
    limit: int
    pace: int | None
    text: str


class BoardRowOut(Schema):
    unit_id: int
    unit_name: str
    cells: list[CellOut]


class BoardOut(Schema):
    county_code: str | None
    county_name: str
    year: int
    totals: list[CellOut]
    counts: dict[str, int]
    rows: list[BoardRowOut]


class NoticeOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    level: str
    text: str
    created: str
    read: bool


def _cell(c: selectors.Cell) -> CellOut:
    return CellOut(kind=c.kind, colour=c.colour, used=c.used, limit=c.limit, pace=c.pace, text=c.text)


@router.get("/quotas", response=list[QuotaOut], summary="Quotas of the units in your scope")
def quotas(request: HttpRequest, year: int | None = None, kind: str = "") -> Any:
    found = selectors.quotas_visible(request.user).filter(year=year or timezone.localdate().year)
    if kind:
        found = found.filter(kind=kind)
    return [
        QuotaOut(id=q.pk, unit_id=q.unit_id, unit_name=q.unit.name, year=q.year, kind=q.kind, kind_label=q.kind_label, limit=q.limit, used=q.used,
                 left=max(0, q.limit - q.used), colour=q.colour)
        for q in found.order_by("unit__path", "kind")
    ]


@router.get("/board", response=BoardOut, summary="The county's red/yellow board")
def board(request: HttpRequest, year: int | None = None, county_id: int | None = None) -> Any:
    county, _all = selectors.pick_county(request.user, "gate.view_board", county_id)
    if county is None or (county_id and county.pk != county_id):
        raise PermissionDenied(access.DENIED_MESSAGE)
    data = selectors.board(county=county, year=year or timezone.localdate().year)
    return BoardOut(
        county_code=county.code, county_name=county.name, year=data.year, totals=[_cell(c) for c in data.totals], counts=data.counts,
        rows=[BoardRowOut(unit_id=r.unit.pk, unit_name=r.unit.name, cells=[_cell(c) for c in r.cells]) for r in data.rows],
    )


@router.get("/notices", response=list[NoticeOut], summary="Red/yellow notices of your units")
def notices(request: HttpRequest, unread: bool = False) -> Any:
    return [
        NoticeOut(id=r.notice.pk, unit_id=r.notice.unit_id, unit_name=r.notice.unit.name, level=r.notice.level, text=r.text,
                  created=r.notice.created.isoformat(), read=r.notice.read)
        for r in selectors.notices_for(request.user, unread_only=unread)
    ]


@router.post("/notices/{notice_id}/read", response=NoticeOut, summary="Mark a notice read")
def notice_read(request: HttpRequest, notice_id: int) -> Any:
    notice = access.get_for_user(request.user, "gate.view_quota", Notice.objects.select_related("unit"), pk=notice_id)
    services.notice_read(actor=request.user, notice=notice)
    return NoticeOut(id=notice.pk, unit_id=notice.unit_id, unit_name=notice.unit.name, level=notice.level,
                     text=services.notice_text(notice), created=notice.created.isoformat(), read=notice.read)

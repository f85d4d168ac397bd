"""Test helpers: duty-list workbooks (good, bad, huge) and an approved list for the test world's 新城社区."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from openpyxl import Workbook

from qingzhuang.duties import services
from qingzhuang.duties.models import DutyList

XINCHENG_ITEMS = [
    ("basic", "组织居民开展自治活动", None, ""),
    ("basic", "开展社区养老服务需求摸底和台账登记", None, ""),
    ("supporting", "协助开展城乡居民养老保险参保登记", "civil_affairs", ""),
    ("taken_back", "开具居住证明以外的各类证明", "civil_affairs", "不再由社区出具"),
    ("taken_back", "校外培训机构安全巡查", "education", ""),
]


def workbook(rows: list[list[Any]], sheet: str = "履职事项清单", header: list[str] | None = None) -> bytes:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    ws.append(header or ["单位", "类别", "事项", "责任部门", "依据"])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def huge_sheet(rows: int, unit: str = "新城社区") -> bytes:
    """A 履职事项清单 sheet with ``rows`` valid rows, its XML streamed into the zip (as tests.bombs.people_sheet)."""
    from tests.bombs import _cells, replace_member

    def body() -> Iterator[bytes]:
        batch = [f'<row r="1">{_cells("单位", "类别", "事项")}</row>']
        for number in range(2, rows + 2):
            batch.append(f'<row r="{number}">{_cells(unit, "基本履职事项", f"事项{number}")}</row>')
            if len(batch) >= 5000:
                yield "".join(batch).encode()
                batch = []
        yield "".join(batch).encode()

    head = b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    return replace_member(workbook([]), "xl/worksheets/sheet1.xml", head, body(), 0, b"</sheetData></worksheet>")


def approved_list(world: Any, unit: Any = None, items: list[tuple[str, str, str | None, str]] | None = None,
                  effective_from: dt.date = dt.date(2026, 1, 1)) -> DutyList:
    unit = unit or world.xincheng
    rows = [{"section": s, "title": t, "department_id": getattr(world, d).pk if d else None, "basis": b} for s, t, d, b in (items or XINCHENG_ITEMS)]
    adjustment = services.adjustment_propose(actor=None, unit=unit, effective_from=effective_from, reason="依据县委办公室减负文件制定", items=rows)
    return services.adjustment_approve(actor=None, adjustment=adjustment)


def task_send(world: Any, **changes: Any) -> Any:
    """A task from the test world's 民政局 clerk to 新城社区 (due 2026-11-20, no duty cited unless given)."""
    values = {"actor": world.clerk, "issuer": world.civil_affairs, "recipient": world.xincheng, "title": "报送养老服务需求台账",
              "content": "请报送台账。", "due_on": dt.date(2026, 11, 20), "effort_hours": 16}
    return services.task_send(**{**values, **changes})

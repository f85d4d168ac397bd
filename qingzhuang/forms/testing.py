"""Test helpers: forms of the test world's 民政局, sent to 新城社区 and 长发村."""

from __future__ import annotations

from typing import Any

from qingzhuang.forms import services
from qingzhuang.forms.models import Form

# Fields every community has already given: they are in the master record.
KNOWN_FIELDS = [
    {"name": "常住人口", "type": "integer", "unit": "人", "definition": "在本社区居住半年以上的人口", "cell": "C3"},
    {"name": "实有户数", "type": "integer", "unit": "户", "definition": "本社区登记的居民户数", "cell": "C4"},
    {"name": "独居老人", "type": "integer", "unit": "人", "definition": "60周岁及以上独自居住的老年人", "cell": "C5"},
    {"name": "社区工作人员数", "type": "integer", "unit": "人", "definition": "社区两委成员及服务站工作人员", "cell": "C6"},
]
NEW_FIELDS = [
    {"name": "老年助餐服务人次", "type": "integer", "unit": "人次", "definition": "本月社区食堂为老年人提供助餐服务的人次", "cell": "C7"},
    {"name": "是否开展上门探访", "type": "yes_no", "unit": "", "definition": "本月是否对独居老人开展上门探访", "cell": "C8"},
]


def draft(world: Any, *, title: str = "社区养老服务情况统计表", fields: list[dict[str, Any]] | None = None, **changes: Any) -> Form:
    values: dict[str, Any] = {
        "actor": None, "issuer": world.civil_affairs, "title": title, "purpose": "掌握各社区养老服务开展情况",
        "legal_basis": "《陕西省养老服务条例》第十二条", "frequency": "monthly",
        "recipients": [world.xincheng, world.changfa], "fields": fields if fields is not None else KNOWN_FIELDS + NEW_FIELDS,
    }
    values.update(changes)
    return services.form_create(**values)


def approved(world: Any, **changes: Any) -> Form:
    form = services.form_submit(actor=None, form=draft(world, **changes))
    return services.form_decide(actor=None, form=form, approve=True)


def sent(world: Any, **changes: Any) -> Form:
    return services.form_send(actor=None, form=approved(world, **changes))


FIELD_HEADER = ["字段名称", "类型", "计量单位", "口径说明", "单元格"]


def workbook_bytes(rows: list[list[Any]], *, title: str = "字段清单", header: list[str] | None = FIELD_HEADER) -> bytes:
    """A one-sheet .xlsx: the header (the field sheet's unless given), then ``rows`` (a str beginning with = is a formula)."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    if header:
        sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def streamed_sheet(header: list[str], row: Any, rows: int, *, title: str = "字段清单") -> bytes:
    """A sheet of ``header`` and ``rows`` rows (``row(number)`` gives a row's cells), its XML streamed into the zip."""
    from collections.abc import Iterator

    from tests.bombs import _cells, replace_member

    def body() -> Iterator[bytes]:
        batch = [f'<row r="1">{_cells(*header)}</row>']
        for number in range(2, rows + 2):
            batch.append(f'<row r="{number}">{_cells(*row(number))}</row>')
            if len(batch) >= 5000:
                yield "".join(batch).encode()
                batch = []
        yield "".join(batch).encode()

    head = b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    return replace_member(workbook_bytes([], title=title, header=None), "xl/worksheets/sheet1.xml", head, body(), 0, b"</sheetData></worksheet>")


def huge_field_sheet(rows: int) -> bytes:
    """A field sheet of ``rows`` distinct, valid fields."""
    return streamed_sheet(FIELD_HEADER[:4], lambda n: (f"字段{n}", "整数", "人", "口径"), rows)


def sheet_with_raw_cell(header: list[str], cells_xml: str, *, title: str = "字段清单") -> bytes:
    """A sheet whose second row is ``cells_xml`` as written (to carry what openpyxl refuses to write: NUL, lone surrogates)."""
    from tests.bombs import _cells, replace_member

    head = b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    body = f'<row r="1">{_cells(*header)}</row><row r="2">{cells_xml}</row>'.encode("utf-8", "surrogatepass")
    return replace_member(workbook_bytes([], title=title, header=None), "xl/worksheets/sheet1.xml", head, iter([body]), 0, b"</sheetData></worksheet>")

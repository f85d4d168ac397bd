"""The issuer's own layout: a template workbook it uploads, whose cells the answers are written into.

An upload is refused unread when it is too big or not an .xlsx, and unpacked within the project's
bounds (``lib.zip_limits``) before openpyxl opens it. Every field of the form must name a cell (C5, or
表1!C5 on another sheet) of the template. The download has one copy of the template's sheets per unit,
its values in the fields' cells, after a summary sheet with one row per unit.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from qingzhuang.forms import errors
from qingzhuang.forms.errors import FormsError
from qingzhuang.lib import zip_limits

SUMMARY_SHEET = "汇总"


def upload_check(*, name: str, data: bytes) -> None:
    """Refuse a file we will not open: too big, empty, an old .xls, not an .xlsx, or a zip bomb."""
    limit = settings.QZ_UPLOAD_MAX_BYTES
    if len(data) > limit:
        raise FormsError("file_too_big", errors.FILE_TOO_BIG % {"size": f"{len(data) / 1048576:.1f}", "max": limit // 1048576}, "file")
    if not data:
        raise FormsError("file_empty", errors.FILE_EMPTY, "file")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FormsError("file_old_xls", errors.FILE_OLD_XLS, "file")
    if not data.startswith(b"PK\x03\x04") or not name.lower().endswith(".xlsx"):
        raise FormsError("file_not_xlsx", errors.FILE_NOT_XLSX, "file")
    limits = zip_limits.ZipLimits(
        member_bytes=settings.QZ_UPLOAD_MEMBER_MAX_BYTES, total_bytes=settings.QZ_UPLOAD_INFLATED_MAX_BYTES,
        members=settings.QZ_UPLOAD_ZIP_MAX_MEMBERS,
    )
    try:
        zip_limits.zip_check(io.BytesIO(data), limits)
    except zip_limits.ZipRefused as exc:
        if exc.reason == zip_limits.NOT_A_ZIP:
            raise FormsError("file_not_xlsx", errors.FILE_NOT_XLSX, "file") from None
        if exc.reason in (zip_limits.DAMAGED, zip_limits.UNSUPPORTED):
            raise FormsError("file_damaged", errors.FILE_DAMAGED, "file") from None
        mb = (limits.total_bytes if exc.reason == zip_limits.TOTAL_TOO_LARGE else limits.member_bytes) // 1048576
        raise FormsError("file_bomb", errors.FILE_BOMB % {"mb": mb}, "file") from None


def open_workbook(data: bytes) -> Workbook:
    try:
        return load_workbook(io.BytesIO(data))
    except Exception:  # openpyxl raises many kinds on a damaged part (KeyError, ValueError, lxml errors…)
        raise FormsError("file_damaged", errors.FILE_DAMAGED, "file") from None


def split_cell(cell: str) -> tuple[str | None, str]:
    sheet, _, ref = cell.rpartition("!")
    return (sheet or None), ref


def template_check(*, name: str, data: bytes, fields: Sequence[Any]) -> None:
    """The template is a readable .xlsx within bounds, and every field's cell is on one of its sheets."""
    upload_check(name=name, data=data)
    book = open_workbook(data)
    for f in fields:
        if not f.cell:
            raise FormsError("cell_missing", errors.CELL_MISSING % {"name": f.name}, "file")
        sheet, _ref = split_cell(f.cell)
        if sheet is not None and sheet not in book.sheetnames:
            raise FormsError("sheet_missing", errors.SHEET_MISSING % {"sheet": sheet, "name": f.name}, "file")


def _typed(field: Any, value: str) -> Any:
    if value == "":
        return None
    if field.type == "integer":
        return int(value)
    if field.type == "decimal":
        number = Decimal(value)
        return float(number)
    return value


def _as_text(cell: Any) -> None:
    """A typed answer beginning with = is text: openpyxl would write it as a formula the issuer's Excel runs."""
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"


def _sheet_title(book: Workbook, wanted: str) -> str:
    base = "".join(ch for ch in wanted if ch not in "[]:*?/\\")[:31] or "表"
    title, n = base, 2
    while title in book.sheetnames:
        suffix = f"({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    return title


def answers_workbook(*, form: Any, answers: Sequence[Any]) -> bytes:
    """The answers in the issuer's layout: a summary sheet, then the template filled once per unit."""
    fields = list(form.fields.all())
    template = bytes(form.template) if form.template else None
    book = open_workbook(template) if template else Workbook()
    originals = list(book.worksheets)
    summary = book.create_sheet(_sheet_title(book, SUMMARY_SHEET), 0)
    summary.append(["单位", "状态", "报送日期", *[f"{f.name}（{f.unit}）" if f.unit else f.name for f in fields]])
    for cell in summary[1]:
        _as_text(cell)
    for answer in answers:
        values = {v.field_id: v.value for v in answer.values.all()}
        summary.append([answer.unit.name, answer.get_status_display(), answer.submitted_on,
                        *[_typed(f, values.get(f.pk, "")) for f in fields]])
        for cell in summary[summary.max_row]:
            _as_text(cell)
        if template is None:
            continue
        copies: dict[str | None, Worksheet] = {}
        for index, original in enumerate(originals):
            copy = book.copy_worksheet(original)
            copy.title = _sheet_title(book, answer.unit.name if len(originals) == 1 else f"{answer.unit.name}-{original.title}")
            copies[original.title] = copy
            if index == 0:
                copies[None] = copy
        for f in fields:
            if not f.cell:
                continue
            sheet, ref = split_cell(f.cell)
            target = copies.get(sheet)
            if target is not None:
                target[ref] = _typed(f, values.get(f.pk, ""))
                _as_text(target[ref])
    if template is not None:
        for original in originals:
            book.remove(original)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

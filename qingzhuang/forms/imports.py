"""Forms from and answers to .xlsx workbooks: all or nothing, with a row- and cell-level report in Chinese.

Two files come in. A department's **field sheet** (字段名称, 类型, 计量单位, 口径说明, 单元格) gives a draft form
its fields. A community's **answer** comes either as the sheet we offer for download (填报, one row per field,
its 填报值 column filled) or as the issuer's own template with the fields' cells filled.

Every file passes the organisation import's bounds (size and content at the upload, a zip bomb refused before
openpyxl reads it) and is read with openpyxl in read-only mode, row by row, so memory stays flat: reading stops
past the form's field limit. A formula is refused (a community gives figures, not calculations, and a formula's
result is not in the file openpyxl reads); every cell is checked before anything is written, and one problem
writes nothing.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter

from qingzhuang.audit.services import UPDATE, audit_record
from qingzhuang.forms import errors, services
from qingzhuang.forms.errors import FormsError
from qingzhuang.forms.models import Answer, AnswerStatus, FieldType, Form, FormField, FormStatus
from qingzhuang.forms.values import value_clean
from qingzhuang.lib.chinese_text import has_unstorable, is_blank, normalise
from qingzhuang.lib.validate import UNSTORABLE_MESSAGE
from qingzhuang.org import access
from qingzhuang.org.imports import (
    FILE_DAMAGED,
    REQUIRED,
    Column,
    ImportReport,
    _header,
    _norm_header,
    upload_check,
    zip_refusal,
)

FIELD_SHEET = "字段清单"
FIELD_COLUMNS = (
    Column("name", "字段名称", ("名称", "字段", "指标名称", "field", "name"), True, gettext_lazy("The field's name, at most 60 characters.")),
    Column("type", "类型", ("数据类型", "字段类型", "type"), False, gettext_lazy("整数, 小数, 文本, 是否 or 日期; blank is 整数.")),
    Column("unit", "计量单位", ("单位", "unit"), False, gettext_lazy("人, 户, 个, 平方米…")),
    Column("definition", "口径说明", ("口径", "定义", "指标解释", "填报说明", "definition"), False, gettext_lazy("What exactly is counted.")),
    Column("cell", "单元格", ("模板单元格", "cell"), False, gettext_lazy("The field's cell in your own template, e.g. C5.")),
)
ANSWER_SHEET = "填报"
_NO_NOTE = gettext_lazy("Filled in by the download.")
ANSWER_COLUMNS = (
    Column("number", "序号", ("no",), False, _NO_NOTE),
    Column("name", "字段名称", ("名称", "字段"), True, _NO_NOTE),
    Column("type", "类型", (), False, _NO_NOTE),
    Column("unit", "计量单位", ("单位",), False, _NO_NOTE),
    Column("definition", "口径说明", (), False, _NO_NOTE),
    Column("value", "填报值", ("数值", "值", "value"), True, _NO_NOTE),
    Column("prefilled", "预填", (), False, _NO_NOTE),
    Column("field_id", "字段编号", ("field_id",), False, _NO_NOTE),
)
TYPE_WORDS = {
    "整数": FieldType.INTEGER, "整数型": FieldType.INTEGER, "整型": FieldType.INTEGER, "数量": FieldType.INTEGER,
    "小数": FieldType.DECIMAL, "数值": FieldType.DECIMAL, "数字": FieldType.DECIMAL, "数值型": FieldType.DECIMAL, "金额": FieldType.DECIMAL,
    "文本": FieldType.TEXT, "文字": FieldType.TEXT, "字符": FieldType.TEXT, "字符型": FieldType.TEXT,
    "是否": FieldType.YES_NO, "是/否": FieldType.YES_NO, "是否型": FieldType.YES_NO, "布尔": FieldType.YES_NO,
    "日期": FieldType.DATE, "日期型": FieldType.DATE,
}
TYPE_LABELS: dict[str, str] = {FieldType.INTEGER: "整数", FieldType.DECIMAL: "小数", FieldType.TEXT: "文本", FieldType.YES_NO: "是否", FieldType.DATE: "日期"}
# Where a field problem points: the column of the field sheet holding what was wrong.
_PROBLEM_COLUMN = {"name": "name", "type": "type", "unit": "unit", "definition": "definition", "cell": "cell"}

FORMULA = gettext_lazy("This cell holds a formula (%(formula)s): type the figure itself.")
TYPE_UNKNOWN = gettext_lazy("“%(value)s” is not a field type: write 整数, 小数, 文本, 是否 or 日期.")
TOO_MANY_FIELD_ROWS = gettext_lazy("More than %(max)s fields: a form can have at most %(max)s. Reading stopped here; nothing was imported.")
NAME_TWICE_ROW = gettext_lazy("The field “%(name)s” is already on row %(row)s.")
CELL_TWICE_ROW = gettext_lazy("Cell %(cell)s is already given to the field on row %(row)s.")
NO_FIELD_ROWS = gettext_lazy("The sheet lists no field: fill one row per field under the header.")
NO_FIELD_SHEET = gettext_lazy("The workbook has no sheet with the column 字段名称. Start from the template.")
NO_ANSWER_LAYOUT = gettext_lazy("This is neither the form's answer sheet (a sheet named 填报) nor the issuer's template with its cells: download the answer sheet and fill its 填报值 column.")
ANSWER_TOO_MANY_ROWS = gettext_lazy("The sheet has far more rows than this form's %(fields)s fields: reading stopped here; nothing was saved.")
FIELD_UNKNOWN_ROW = gettext_lazy("This form has no field “%(name)s”.")
FIELD_ROW_TWICE = gettext_lazy("The field “%(name)s” is already answered on row %(row)s.")
FIELD_ROW_MISSING = gettext_lazy("The field “%(name)s” has no row in the sheet.")
TEMPLATE_SHEET_MISSING = gettext_lazy("The workbook has no sheet named “%(sheet)s”, where the issuer's template puts “%(name)s”.")
REFUSED = gettext_lazy("The workbook has %(count)s problem(s); nothing was saved. %(first)s")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _open(source: IO[bytes], report: ImportReport) -> Any:
    refusal = zip_refusal(source)
    if refusal is not None:
        report.add("", None, "", refusal[1])
        return None
    try:
        return load_workbook(source, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged part (KeyError, ValueError, expat errors on NUL…)
        report.add("", None, "", FILE_DAMAGED)
        return None


def _rows(ws: Any, report: ImportReport, *, max_row: int | None = None) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, cells) streamed; a part that breaks while streaming (NUL, a lone surrogate in the XML) is reported."""
    try:
        yield from enumerate(ws.iter_rows(max_row=max_row), start=1)
    except Exception:
        report.add(ws.title, None, "", FILE_DAMAGED)


def _cell_value(report: ImportReport, sheet: str, row: int, ref: str, cell: Any) -> tuple[bool, Any]:
    """(ok, value) of one cell: a formula, a NUL or a lone surrogate is reported."""
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", "") == "f":
        report.add(sheet, row, ref, FORMULA % {"formula": str(value)[:30]})
        return False, None
    if isinstance(value, str) and has_unstorable(value):
        report.add(sheet, row, ref, UNSTORABLE_MESSAGE % {"field": ref})
        return False, None
    if isinstance(value, str):
        value = value.strip()
        return True, (value or None)
    return True, value


# A cell already reported (a formula, NUL…): its row is known, its value is not.
BAD = object()


def _row_values(report: ImportReport, sheet: str, number: int, cells: tuple[Any, ...], mapping: dict[int, Column],
                refs: dict[str, str]) -> dict[str, Any]:
    """The row's values by column key ({} when blank); a cell refused here is BAD."""
    values: dict[str, Any] = {}
    for idx, col in mapping.items():
        good, value = _cell_value(report, sheet, number, refs[col.key], cells[idx] if idx < len(cells) else None)
        values[col.key] = value if good else BAD
    return {} if all(v is None for v in values.values()) else values


class _TooManyRows(Exception):
    """Reading stopped past the row limit (already reported)."""


def _data_rows(ws: Any, report: ImportReport, mapping: dict[int, Column], refs: dict[str, str], *, limit: int,
               too_many: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, values) of each non-blank row under the header; past ``limit`` rows, ``too_many`` is reported
    and _TooManyRows raised, so a 100,000-row sheet is read no further than the limit."""
    kept = 0
    for number, cells in _rows(ws, report):
        if number == 1:
            continue
        values = _row_values(report, ws.title, number, cells, mapping, refs)
        if not values:
            continue
        kept += 1
        if kept > limit:
            report.add(ws.title, number, "", too_many)
            raise _TooManyRows
        yield number, values


def _header_row(ws: Any, report: ImportReport, columns: tuple[Column, ...]) -> tuple[Any, dict[str, str]]:
    for _number, cells in _rows(ws, report, max_row=1):
        return _header(ws.title, tuple(getattr(c, "value", None) for c in cells), columns, report)
    return None, {}


# --- a department's field sheet --------------------------------------------------------------------

def fields_read(source: IO[bytes], report: ImportReport) -> list[dict[str, str]]:
    """The field sheet's fields as ``services.fields_clean`` keeps them; every problem goes to ``report`` by row and column."""
    book = _open(source, report)
    if book is None:
        return []
    types = {**{k.lower(): v for k, v in TYPE_WORDS.items()}, **{str(v).lower(): v for v in FieldType.values},
             **{str(label).lower(): value for value, label in FieldType.choices}}
    fields: list[dict[str, str]] = []
    try:
        ws = next((w for w in book.worksheets if _norm_header(w.title) == _norm_header(FIELD_SHEET)), None)
        candidates = [ws] if ws is not None else list(book.worksheets)
        for ws in candidates:
            mapping, refs = _header_row(ws, ImportReport(), FIELD_COLUMNS)
            if mapping is not None:
                break
        else:
            report.add("", None, "", NO_FIELD_SHEET)
            return []
        mapping, refs = _header_row(ws, report, FIELD_COLUMNS)
        names: dict[str, int] = {}
        cells: dict[str, int] = {}
        too_many = TOO_MANY_FIELD_ROWS % {"max": services.FIELDS_MAX}
        for number, values in _data_rows(ws, report, mapping, refs, limit=services.FIELDS_MAX, too_many=too_many):
            if BAD in values.values():
                continue
            field = _field_row(report, ws.title, number, values, refs, types)
            if field is None:
                continue
            key = normalise(field["name"]) or field["name"]
            if key in names:
                report.add(ws.title, number, refs["name"], NAME_TWICE_ROW % {"name": field["name"], "row": names[key]})
                continue
            names[key] = number
            if field["cell"]:
                if field["cell"] in cells:
                    report.add(ws.title, number, refs.get("cell", ""), CELL_TWICE_ROW % {"cell": field["cell"], "row": cells[field["cell"]]})
                    continue
                cells[field["cell"]] = number
            fields.append(field)
    except _TooManyRows:
        return []
    finally:
        book.close()
    if report.ok and not fields:
        report.add(FIELD_SHEET, None, "", NO_FIELD_ROWS)
    return fields if report.ok else []


def _field_row(report: ImportReport, sheet: str, number: int, values: dict[str, Any], refs: dict[str, str],
               types: dict[str, str]) -> dict[str, str] | None:
    raw_type = _text(values.get("type")).strip()
    kind = types.get(raw_type.lower()) if raw_type and not is_blank(raw_type) else FieldType.INTEGER
    if kind is None:
        report.add(sheet, number, refs.get("type", ""), TYPE_UNKNOWN % {"value": raw_type[:20]})
        return None
    raw = {"name": _text(values.get("name")), "type": kind, "unit": _text(values.get("unit")),
           "definition": _text(values.get("definition")), "cell": _text(values.get("cell"))}
    try:
        return services.fields_clean([raw])[0]
    except FormsError as exc:
        column = refs.get(_PROBLEM_COLUMN.get(exc.field or "", "name"), refs.get("name", ""))
        report.add(sheet, number, column, REQUIRED if exc.code == "required" else exc.message)
        return None


def form_fields_import(*, actor: Any, form: Form, source: IO[bytes], filename: str = "") -> ImportReport:
    """Replace a draft's fields with the field sheet's: all of them, or none when one cell is wrong."""
    if actor is not None:
        access.require(actor, services.DRAFT, form.issuer)
    report = ImportReport(filename=filename[:200])
    report.created = {"fields": 0}
    if form.status != FormStatus.DRAFT:
        report.add("", None, "", errors.NOT_A_DRAFT % {"status": form.get_status_display()})
        return report
    fields = fields_read(source, report)
    if not report.ok:
        return report
    with transaction.atomic():
        locked = Form.objects.select_for_update(of=("self",)).get(pk=form.pk)
        if locked.status != FormStatus.DRAFT:
            report.add("", None, "", errors.NOT_A_DRAFT % {"status": locked.get_status_display()})
            return report
        old = list(locked.fields.values_list("name", flat=True))
        locked.fields.all().delete()
        FormField.objects.bulk_create([FormField(form=locked, position=i, **f) for i, f in enumerate(fields, start=1)])
        audit_record(actor=actor, action=UPDATE, obj=locked, unit=locked.issuer, changes={"fields": [old, [f["name"] for f in fields]]},
                     reason=f"字段从 {filename[:100] or 'Excel'} 导入")
    report.created["fields"] = len(fields)
    return report


def fields_template() -> bytes:
    """The field sheet to start from: its header and two example rows."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = FIELD_SHEET
    sheet.append([c.header for c in FIELD_COLUMNS])
    sheet.append(["常住人口", "整数", "人", "在本社区居住半年以上的人口", "C3"])
    sheet.append(["是否开展上门探访", "是否", "", "本月是否对独居老人开展上门探访", "C4"])
    for letter, width in zip("ABCDE", (22, 10, 12, 40, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    return _bytes(book)


def _bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- a community's answer ------------------------------------------------------------------------

def answer_sheet(answer: Answer) -> bytes:
    """The sheet a community may fill offline: one row per field, pre-filled values already in 填报值."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = ANSWER_SHEET
    sheet.append([c.header for c in ANSWER_COLUMNS])
    stored = {v.field_id: v for v in answer.values.all()}
    for f in answer.form.fields.all():
        row = stored.get(f.pk)
        prefilled = bool(row and row.prefilled)
        sheet.append([f.position, f.name, TYPE_LABELS.get(f.type, f.type), f.unit, f.definition, row.value if row and row.value else None,
                      "是" if prefilled else "", f.pk])
        value_cell = sheet.cell(row=sheet.max_row, column=6)
        if isinstance(value_cell.value, str):
            value_cell.data_type = "s"  # a stored value beginning with = stays text, never a formula
        if prefilled:
            value_cell.fill = PatternFill("solid", fgColor="E8F1FB")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGH", (6, 22, 8, 10, 40, 14, 6, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    return _bytes(book)


def answer_values_read(answer: Answer, source: IO[bytes], report: ImportReport) -> dict[int, str]:
    """{field id: value} of the answer in the workbook (blank pre-filled fields left out: their value stands)."""
    book = _open(source, report)
    if book is None:
        return {}
    fields = list(answer.form.fields.all())
    prefilled = {v.field_id for v in answer.values.all() if v.prefilled}
    try:
        by_title = {_norm_header(w.title): w for w in book.worksheets}
        ws = by_title.get(_norm_header(ANSWER_SHEET))
        if ws is not None:
            found = _answer_rows(report, ws, fields)
        elif answer.form.template and fields and all(f.cell for f in fields):
            found = _template_cells(report, book, fields)
        else:
            report.add("", None, "", NO_ANSWER_LAYOUT)
            return {}
    finally:
        book.close()
    if not report.ok and not found:
        return {}  # the sheet could not be read through (too many rows, damaged): its fields are not "missing"
    values: dict[int, str] = {}
    for f in fields:
        sheet, row, ref, raw = found.get(f.pk, ("", None, "", None))
        if raw is BAD:
            continue
        if raw is None and f.pk in prefilled:
            continue
        if raw is None and not ref:
            report.add(ANSWER_SHEET, None, "", FIELD_ROW_MISSING % {"name": f.name})
            continue
        try:
            values[f.pk] = value_clean(f, raw)
        except FormsError as exc:
            report.add(sheet, row, ref, exc.message)
    return values if report.ok else {}


def _answer_rows(report: ImportReport, ws: Any, fields: list[Any]) -> dict[int, tuple[str, int | None, str, Any]]:
    mapping, refs = _header_row(ws, report, ANSWER_COLUMNS)
    if mapping is None:
        return {}
    by_id = {f.pk: f for f in fields}
    by_name = {normalise(f.name) or f.name: f for f in fields}
    found: dict[int, tuple[str, int | None, str, Any]] = {}
    rows: dict[int, int] = {}
    # The sheet has one row per field: far more rows is not this form's sheet (or a 100,000-row attack).
    limited = _data_rows(ws, report, mapping, refs, limit=len(fields) + 20, too_many=ANSWER_TOO_MANY_ROWS % {"fields": len(fields)})
    try:
        for number, values in limited:
            name = "" if values.get("name") is BAD else _text(values.get("name"))
            key = values.get("field_id")
            field = by_id.get(key) if isinstance(key, int) and not isinstance(key, bool) else None
            if field is None or (normalise(field.name) or field.name) != (normalise(name) or name):
                field = by_name.get(normalise(name) or name)
            if field is None:
                if values.get("name") is not BAD:
                    report.add(ws.title, number, refs["name"], FIELD_UNKNOWN_ROW % {"name": name[:40]} if name else REQUIRED)
                continue
            if field.pk in rows:
                report.add(ws.title, number, refs["name"], FIELD_ROW_TWICE % {"name": field.name, "row": rows[field.pk]})
                continue
            rows[field.pk] = number
            value = values.get("value")
            found[field.pk] = (ws.title, number, f"{refs['value'].split(' ')[0]}{number} {field.name}",
                               value if value is None or value is BAD else _text(value))
    except _TooManyRows:
        return {}
    return found


def _template_cells(report: ImportReport, book: Any, fields: list[Any]) -> dict[int, tuple[str, int | None, str, Any]]:
    """The fields' cells of the issuer's template, each sheet streamed once up to the last row a field names."""
    from qingzhuang.forms.workbooks import split_cell

    first = book.worksheets[0].title
    wanted: dict[str, dict[tuple[int, int], Any]] = {}
    for f in fields:
        sheet, ref = split_cell(f.cell)
        letters = ref.rstrip("0123456789")
        wanted.setdefault(sheet or first, {})[(int(ref[len(letters):]), column_index_from_string(letters))] = f
    found: dict[int, tuple[str, int | None, str, Any]] = {}
    titles = {w.title: w for w in book.worksheets}
    for title, cells in wanted.items():
        ws = titles.get(title)
        if ws is None:
            f = next(iter(cells.values()))
            report.add("", None, "", TEMPLATE_SHEET_MISSING % {"sheet": title, "name": f.name})
            continue
        last = max(r for r, _c in cells)
        for number, row in _rows(ws, report, max_row=last):
            for (r, c), f in cells.items():
                if r != number:
                    continue
                ref = f"{get_column_letter(c)}{r} {f.name}"
                cell = row[c - 1] if c - 1 < len(row) else None
                ok, value = _cell_value(report, title, r, ref, cell)
                found[f.pk] = (title, r, ref, BAD if not ok else None if value is None else _text(value))
        for (r, c), f in cells.items():
            found.setdefault(f.pk, (title, r, f"{get_column_letter(c)}{r} {f.name}", None))
    return found


def answer_import(*, actor: Any, answer: Answer, source: IO[bytes], filename: str = "") -> ImportReport:
    """Submit a community's answer from a workbook: every value checked by type and unit first, then submitted as
    if typed online (pre-filled values left blank or unchanged are confirmed by the upload); one problem writes nothing."""
    if actor is not None:
        access.require(actor, services.FILL, answer.unit)
    report = ImportReport(filename=filename[:200])
    report.created = {"typed": 0, "prefilled": 0}
    if answer.status != AnswerStatus.WAITING:
        report.add("", None, "", errors.NOT_WAITING)
        return report
    values = answer_values_read(answer, source, report)
    if not report.ok:
        return report
    confirmed = [v.field_id for v in answer.values.all() if v.prefilled]
    try:
        done = services.answer_submit(actor=actor, answer=answer, values=values, confirmed=confirmed)
    except FormsError as exc:
        report.add("", None, exc.field or "", exc.message)
        return report
    report.created = {"typed": done.typed_count, "prefilled": done.prefilled_count}
    return report


def upload_read(upload: Any) -> tuple[IO[bytes], str]:
    """An uploaded file's bytes and name, refused unread when too big, empty or not an .xlsx (raises ImportFileError)."""
    name = str(getattr(upload, "name", "") or "")[:200]
    upload_check(name=name, size=int(getattr(upload, "size", 0) or 0), head=upload.read(8))
    upload.seek(0)
    return io.BytesIO(upload.read()), name

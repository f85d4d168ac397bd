"""Import duty lists from one .xlsx workbook: all or nothing, with a cell-level report.

One sheet (履职事项清单) with the columns 单位, 类别, 事项, 责任部门, 依据; each unit named in it gets one proposed
adjustment holding its whole new list. The file passes the same bounds as the organisation import (size and
content at the upload, a zip bomb refused before openpyxl reads it, rows counted while streaming, past
QZ_IMPORT_MAX_ROWS refused); every cell is checked before anything is written, and any problem writes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from qingzhuang.duties import errors, services
from qingzhuang.duties.errors import DutyError
from qingzhuang.duties.models import Section
from qingzhuang.lib.errors import DomainError
from qingzhuang.lib.validate import text_value
from qingzhuang.org import access
from qingzhuang.org.imports import (
    FILE_NOT_XLSX,
    REQUIRED,
    TOO_MANY_ROWS,
    Column,
    ImportReport,
    _cell,
    _header,
    _norm_header,
    upload_check,
    zip_refusal,
)
from qingzhuang.org.models import GRASSROOTS_KINDS, Unit, UnitKind

__all__ = ["import_duty_lists", "template_workbook", "upload_check"]

SHEET = "履职事项清单"
SHEET_ALIASES = ("duties", "duty list", "清单")
COLUMNS = (
    Column("unit", "单位", ("unit", "社区", "镇街"), True, gettext_lazy("The town/street, community or village the list belongs to.")),
    Column("section", "类别", ("section", "事项类别"), True, gettext_lazy("基本履职事项, 配合履职事项 or 上级部门收回事项.")),
    Column("title", "事项", ("duty", "title", "事项名称"), True, gettext_lazy("The duty, at most 200 characters.")),
    Column("department", "责任部门", ("department", "牵头部门", "收回部门"), False, gettext_lazy("Supporting duty: the department that leads it; taken back: the department that took it back.")),
    Column("basis", "依据", ("basis", "政策依据"), False, gettext_lazy("The rule or document the duty comes from.")),
)
SECTION_WORDS = {
    "基本履职事项": Section.BASIC, "基本履职": Section.BASIC, "基本": Section.BASIC, "basic": Section.BASIC,
    "配合履职事项": Section.SUPPORTING, "配合履职": Section.SUPPORTING, "配合": Section.SUPPORTING, "supporting": Section.SUPPORTING,
    "上级部门收回事项": Section.TAKEN_BACK, "收回事项": Section.TAKEN_BACK, "收回": Section.TAKEN_BACK, "taken_back": Section.TAKEN_BACK,
}
UNIT_UNKNOWN = gettext_lazy("No town/street, community or village named “%(name)s” within your scope.")
UNIT_AMBIGUOUS = gettext_lazy("Several units in your scope are named “%(name)s”.")
NO_SHEET = gettext_lazy("The workbook has no sheet named 履职事项清单. Start from the template.")
NO_BASIC = gettext_lazy("The list of %(unit)s has no basic duty (基本履职事项).")
ITEM_TWICE_ROW = gettext_lazy("The same duty is on row %(row)s.")


def _text(report: ImportReport, sheet: str, row: int, ref: str, value: Any, *, required: bool, limit: int) -> str:
    try:
        return text_value(value, field="", label=ref.split(" ", 1)[-1], max_length=limit, required=required, error=DomainError)
    except DomainError as exc:
        report.add(sheet, row, ref, REQUIRED if exc.code == "required" else exc.message)
        return ""


def import_duty_lists(*, actor: Any, source: str | Path | IO[bytes], filename: str = "", effective_from: dt.date, reason: str) -> ImportReport:
    """Check the whole workbook; when every cell is right, propose one adjustment per unit (in one transaction)."""
    report = ImportReport(filename=filename)
    report.created = {"adjustments": 0}
    refusal = zip_refusal(source)
    if refusal is not None:
        report.add("", None, "", refusal[1])
        return report
    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        report.add("", None, "", FILE_NOT_XLSX)
        return report
    scope = access.scoped_queryset(actor, services.PROPOSE, Unit.objects.filter(kind__in=GRASSROOTS_KINDS, is_active=True)) if actor else Unit.objects.filter(kind__in=GRASSROOTS_KINDS)
    by_name: dict[str, list[Unit]] = defaultdict(list)
    for unit in scope:
        by_name[unit.name].append(unit)
    departments: dict[tuple[int | None, str], int] = {
        (county_id, name): pk
        for pk, county_id, name in Unit.objects.filter(kind__in=(UnitKind.DEPARTMENT, UnitKind.TOWN_OFFICE, UnitKind.PARTY_GOV_OFFICE)).values_list("id", "county_id", "name")
    }
    lists: dict[int, list[dict[str, Any]]] = defaultdict(list)
    units: dict[int, Unit] = {}
    seen: dict[tuple[int, str, str], int] = {}
    try:
        sheets = {_norm_header(ws.title): ws for ws in book.worksheets}
        ws = next((sheets[_norm_header(n)] for n in (SHEET, *SHEET_ALIASES) if _norm_header(n) in sheets), None)
        if ws is None:
            report.add("", None, "", NO_SHEET)
            return report
        mapping: Any = None
        refs: dict[str, str] = {}
        kept = 0
        max_rows = settings.QZ_IMPORT_MAX_ROWS
        for number, raw in enumerate(ws.iter_rows(values_only=True), start=1):
            if number == 1:
                mapping, refs = _header(ws.title, raw, COLUMNS, report)
                if mapping is None:
                    return report
                continue
            values = {col.key: _cell(raw[idx]) if idx < len(raw) else None for idx, col in mapping.items()}
            if all(v is None for v in values.values()):
                continue
            kept += 1
            if kept > max_rows:
                report.add(ws.title, number, "", TOO_MANY_ROWS % {"max": f"{max_rows:,}"})
                return report
            _check_row(report, ws.title, number, values, refs, by_name, departments, lists, units, seen)
        report.rows[ws.title] = kept
    finally:
        book.close()
    for unit_id, unit in units.items():
        if not any(i["section"] == Section.BASIC for i in lists[unit_id]):
            report.add(SHEET, None, refs.get("section", ""), NO_BASIC % {"unit": unit.name})
    if not report.ok:
        return report
    if not units:
        report.add(SHEET, None, "", errors.NO_ITEMS)
        return report
    try:
        with transaction.atomic():
            for unit_id, unit in units.items():
                services.adjustment_propose(actor=actor, unit=unit, effective_from=effective_from, reason=reason, items=lists[unit_id], filename=filename)
                report.created["adjustments"] += 1
                report.units.append(unit.name)
    except DutyError as exc:
        report.add("", None, exc.field or "", exc.message)
        report.created["adjustments"] = 0
        report.units = []
    return report


def _check_row(report: ImportReport, sheet: str, number: int, values: dict[str, Any], refs: dict[str, str], by_name: dict[str, list[Unit]],
               departments: dict[tuple[int | None, str], int], lists: dict[int, list[dict[str, Any]]], units: dict[int, Unit],
               seen: dict[tuple[int, str, str], int]) -> None:
    problems = report.problem_count
    unit_name = _text(report, sheet, number, refs.get("unit", ""), values.get("unit"), required=True, limit=100)
    unit = None
    if unit_name:
        found = by_name.get(unit_name, [])
        if len(found) == 1:
            unit = found[0]
        else:
            report.add(sheet, number, refs.get("unit", ""), (UNIT_AMBIGUOUS if found else UNIT_UNKNOWN) % {"name": unit_name[:40]})
    word = _text(report, sheet, number, refs.get("section", ""), values.get("section"), required=True, limit=20)
    section = SECTION_WORDS.get(word.lower()) if word else None
    if word and section is None:
        report.add(sheet, number, refs.get("section", ""), errors.SECTION_UNKNOWN % {"value": word[:20]})
    title = _text(report, sheet, number, refs.get("title", ""), values.get("title"), required=True, limit=200)
    department_name = _text(report, sheet, number, refs.get("department", ""), values.get("department"), required=False, limit=100)
    basis = _text(report, sheet, number, refs.get("basis", ""), values.get("basis"), required=False, limit=200)
    department_id = None
    if department_name and unit is not None:
        department_id = departments.get((unit.county_id, department_name))
        if department_id is None:
            report.add(sheet, number, refs.get("department", ""), errors.DEPARTMENT_UNKNOWN % {"name": department_name[:40]})
    if unit is None or section is None or not title or report.problem_count > problems:
        return
    key = (unit.pk, section, title)
    if key in seen:
        report.add(sheet, number, refs.get("title", ""), ITEM_TWICE_ROW % {"row": seen[key]})
        return
    seen[key] = number
    units[unit.pk] = unit
    lists[unit.pk].append({"section": str(section), "title": title, "basis": basis, "department_id": department_id})


def template_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append([c.header for c in COLUMNS])
    sheet.append(["新城社区", "基本履职事项", "组织居民开展自治活动", "", "《城市居民委员会组织法》"])
    sheet.append(["新城社区", "配合履职事项", "协助开展城乡居民养老保险参保登记", "镇安县民政局", ""])
    sheet.append(["新城社区", "上级部门收回事项", "开具居住证明以外的各类证明", "镇安县公安局", "不再由社区出具"])
    for letter, width in zip("ABCDE", (16, 18, 40, 18, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

"""A community's list of vulnerable households from an .xlsx workbook: all or nothing, with a row-by-row report in Chinese.

The file passes the organisation import's bounds (size, content checked as a zip, a zip bomb refused before openpyxl
reads it, whatever its headers claim) and is streamed with openpyxl in read-only mode; past QZ_IMPORT_MAX_ROWS rows the
reading stops and the file is refused. Every row is checked by the same rules as the form and the API
(services.household_values); one problem anywhere writes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from qingzhuang.households import services
from qingzhuang.households.errors import HouseholdError
from qingzhuang.households.models import ConsentHow, Kind
from qingzhuang.lib.chinese_text import has_unstorable
from qingzhuang.lib.validate import UNSTORABLE_MESSAGE
from qingzhuang.org import access
from qingzhuang.org.imports import (
    FILE_DAMAGED,
    MISSING_COLUMN,
    TOO_MANY_ROWS,
    ImportFileError,
    ImportReport,
    upload_check,
    zip_refusal,
)
from qingzhuang.org.models import Unit

SHEET = "困难群众"
# (field, header, aliases, required)
COLUMNS = (
    ("head_name", "户主姓名", ("户主", "姓名"), True),
    ("address", "地址", ("住址", "家庭住址"), True),
    ("phone", "联系电话", ("电话", "手机"), False),
    ("id_number", "身份证号", ("身份证号码", "公民身份号码"), False),
    ("kinds", "困难类型", ("类型", "类别"), True),
    ("needs", "帮扶需求", ("需求",), True),
    ("health", "健康状况", ("健康",), False),
    ("consent_by", "同意人", (), True),
    ("consent_on", "同意日期", (), True),
    ("consent_how", "同意方式", (), True),
)
KIND_WORDS = {"独居": Kind.ELDERLY_ALONE, "独居老人": Kind.ELDERLY_ALONE, "空巢": Kind.EMPTY_NEST, "空巢老人": Kind.EMPTY_NEST,
              "残疾": Kind.DISABLED, "残疾人": Kind.DISABLED, "低保": Kind.HARDSHIP, "困难": Kind.HARDSHIP, "低保/困难家庭": Kind.HARDSHIP,
              "留守儿童": Kind.LEFT_BEHIND_CHILDREN, "其他": Kind.OTHER}
HOW_WORDS = {"书面": ConsentHow.WRITTEN, "书面签字": ConsentHow.WRITTEN, "签字": ConsentHow.WRITTEN, "口头": ConsentHow.ORAL,
             "口头同意": ConsentHow.ORAL, "监护人": ConsentHow.GUARDIAN, "监护人代为同意": ConsentHow.GUARDIAN, "亲属": ConsentHow.GUARDIAN}
NO_ROWS = gettext_lazy("The sheet lists no household: fill one row per household under the header.")
FORMULA = gettext_lazy("This cell holds a formula: type the value itself.")


def template_bytes() -> bytes:
    """The workbook to fill: the header and one example row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append([header for _f, header, _a, _r in COLUMNS])
    sheet.append(["王秀英", "新渭路12号院3号楼1单元101", "13991720001", "", "独居老人、残疾人", "每周代买菜", "高血压", "王秀英本人", "2026-01-05", "书面"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _norm(text: Any) -> str:
    return re.sub(r"[\s\u3000*＊]|[（(][^）)]*[）)]", "", str(text or ""))


def _mapping(raw: tuple[Any, ...], report: ImportReport, title: str) -> dict[int, tuple[str, str]] | None:
    lookup = {_norm(name): (field, header) for field, header, aliases, _r in COLUMNS for name in (header, *aliases)}
    mapping: dict[int, tuple[str, str]] = {}
    for index, text in enumerate(raw[:60]):
        found = lookup.get(_norm(text))
        if found is not None and found[0] not in {f for f, _h in mapping.values()}:
            mapping[index] = (found[0], f"{get_column_letter(index + 1)} {found[1]}")
    missing = [header for field, header, _a, required in COLUMNS if required and field not in {f for f, _h in mapping.values()}]
    for header in missing:
        report.add(title, 1, "", MISSING_COLUMN % {"header": header})
    return None if missing else mapping


def _value(field: str, value: Any) -> Any:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if field == "kinds":
        parts = [p for p in re.split(r"[、,，;；/\s]+", str(value or "")) if p]
        return [KIND_WORDS.get(p, p) for p in parts]
    if field == "consent_how":
        return HOW_WORDS.get(str(value or "").strip(), value)
    return "" if value is None else (value if isinstance(value, dt.date) else str(value))


def _rows(ws: Any, report: ImportReport) -> Iterator[tuple[int, tuple[Any, ...]]]:
    try:
        yield from enumerate(ws.iter_rows(), start=1)
    except Exception:  # a part that breaks while streaming (NUL, a lone surrogate in the XML)
        report.add(ws.title, None, "", FILE_DAMAGED)


def _row_given(report: ImportReport, title: str, number: int, cells: tuple[Any, ...], mapping: dict[int, tuple[str, str]]) -> dict[str, Any] | None:
    given: dict[str, Any] = {}
    ok = True
    for index, (field, ref) in mapping.items():
        cell = cells[index] if index < len(cells) else None
        value = getattr(cell, "value", None)
        if getattr(cell, "data_type", "") == "f":
            report.add(title, number, ref, FORMULA)
            ok = False
            continue
        if isinstance(value, str) and has_unstorable(value):
            report.add(title, number, ref, UNSTORABLE_MESSAGE % {"field": ref.split(" ", 1)[1]})
            ok = False
            continue
        given[field] = _value(field, value)
    return given if ok else None


def households_import(*, actor: Any, community: Unit, source: IO[bytes], filename: str, dry_run: bool = False) -> ImportReport:
    """Read the workbook and, when every row passes, add every household in one transaction; otherwise write nothing."""
    access.require(actor, services.MANAGE, community)
    report = ImportReport(filename=filename, dry_run=dry_run, created={"households": 0})
    data = source.read(settings.QZ_UPLOAD_MAX_BYTES + 1)
    try:
        upload_check(name=filename, size=len(data), head=data[:8])
    except ImportFileError as exc:
        report.add("", None, "", exc.message)
        return report
    stream = io.BytesIO(data)
    refusal = zip_refusal(stream)
    if refusal is not None:
        report.add("", None, "", refusal[1])
        return report
    try:
        book = load_workbook(stream, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged part
        report.add("", None, "", FILE_DAMAGED)
        return report
    try:
        rows = _read(book, report)
    finally:
        book.close()
    report.rows = {SHEET: len(rows)}
    if report.ok and not rows:
        report.add(SHEET, 2, "", NO_ROWS)
    if not report.ok or dry_run:
        return report
    with transaction.atomic():
        for _number, values in rows:
            services.household_create(actor=actor, community=community, **values)
    report.created = {"households": len(rows)}
    return report


def _read(book: Any, report: ImportReport) -> list[tuple[int, dict[str, Any]]]:
    ws = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    title = ws.title
    max_rows = settings.QZ_IMPORT_MAX_ROWS
    mapping: dict[int, tuple[str, str]] | None = None
    kept: list[tuple[int, dict[str, Any]]] = []
    for number, cells in _rows(ws, report):
        if number == 1:
            mapping = _mapping(tuple(getattr(c, "value", None) for c in cells), report, title)
            if mapping is None:
                return []
            continue
        if all(getattr(c, "value", None) in (None, "") for c in cells[:60]):
            continue
        if len(kept) >= max_rows:
            report.add(title, number, "", TOO_MANY_ROWS % {"max": f"{max_rows:,}"})
            return []
        assert mapping is not None
        given = _row_given(report, title, number, cells, mapping)
        if given is None:
            continue
        try:
            values = services.household_values(given)
        except HouseholdError as exc:
            ref = next((r for f, r in mapping.values() if f == exc.field), "")
            report.add(title, number, ref, exc.message)
            continue
        kept.append((number, values))
    return kept

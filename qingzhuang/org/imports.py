"""Import units, regions, people and community profiles from one .xlsx workbook: all or nothing.

The workbook has three sheets (单位, 人员, 社区概况) with Chinese headers (English aliases accepted).
Every row and cell is checked first — types, required cells, region codes and their parents, units
and regions the file names, duplicates in the file and in the database, and the importer's scope
(org.import on every parent unit). Problems are collected as (sheet, row, column, message); if there
is one, nothing is written. A clean file is written in one transaction through the org services,
which audit each change. Rows may name units created further down the file: the order is resolved.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from qingzhuang.lib import zip_limits
from qingzhuang.lib.errors import DomainError
from qingzhuang.org import access, services
from qingzhuang.org import errors as org_errors
from qingzhuang.org.models import CommunityProfile, Person, PersonKind, Region, RegionLevel, Unit, UnitKind

ProgressFn = Callable[[int, int, str], None]

SHEET_UNITS, SHEET_PEOPLE, SHEET_PROFILES, SHEET_NOTES = "单位", "人员", "社区概况", "说明"
MAX_PROBLEMS = 1000

# --- Messages (error codes of the import: tests import these) --------------------------------

FILE_TOO_BIG = gettext_lazy("The file is %(size)s MB; at most %(max)s MB can be imported at once. Split it into several files.")
FILE_NOT_XLSX = gettext_lazy(
    "This is not an Excel workbook (.xlsx). Open it in Excel or WPS, choose Save As → “Excel workbook (*.xlsx)”, and upload that file."
)
FILE_OLD_XLS = gettext_lazy(
    "This is an old-format Excel file (.xls). Open it in Excel or WPS, choose Save As → “Excel workbook (*.xlsx)”, and upload that file."
)
FILE_EMPTY = gettext_lazy("The file is empty.")
FILE_DAMAGED = gettext_lazy(
    "The workbook is damaged or protected by a password and cannot be opened. Open it in Excel or WPS, save it again as "
    "“Excel workbook (*.xlsx)” without a password, and upload that file."
)
FILE_BOMB = gettext_lazy(
    "The workbook unpacks to more than %(mb)s MB, far more than its rows need: it may be damaged or built to overload the "
    "system. Open it in Excel or WPS, save it again and upload the new file."
)
TOO_MANY_ROWS = gettext_lazy(
    "The workbook has more than %(max)s rows; at most %(max)s rows can be imported at once. Split it into several files "
    "and import them one after another."
)
NO_SHEETS = gettext_lazy("The workbook has none of the sheets 单位, 人员 or 社区概况. Start from the template.")
MISSING_COLUMN = gettext_lazy("The column “%(header)s” is missing from the first row.")
DUPLICATE_COLUMN = gettext_lazy("The column “%(header)s” appears twice.")
REQUIRED = gettext_lazy("This cell must be filled in.")
TOO_LONG = gettext_lazy("At most %(max)s characters (this has %(length)s).")
NOT_TEXT = gettext_lazy("Expected text, found %(value)s.")
UNKNOWN_UNIT_KIND = gettext_lazy("“%(value)s” is not a unit kind. Use one of: 党委政府办公室, 部门, 乡镇街道, 社区, 村.")
UNKNOWN_PERSON_KIND = gettext_lazy("“%(value)s” is not a kind of person. Use one of: 干部, 社区工作者, 党员, 志愿者, 骑手.")
REGION_NEEDED = gettext_lazy("Fill in 所在区划代码 or 所在区划名称: where the unit sits.")
REGION_CODE_UNKNOWN = gettext_lazy("No region has the code %(code)s, neither in the system nor on this sheet.")
REGION_NAME_UNKNOWN = gettext_lazy("No region named “%(name)s” within your scope.")
REGION_NAME_AMBIGUOUS = gettext_lazy("Several regions are named “%(name)s”; fill in 所在区划代码 instead.")
REGION_NAME_MISMATCH = gettext_lazy("Code %(code)s is %(actual)s, not “%(name)s”.")
REGION_OUTSIDE_SCOPE = gettext_lazy("The region %(name)s is outside your scope: you cannot add regions there.")
NEW_REGION_NAME_NEEDED = gettext_lazy("A new region needs a name (新区划名称) as well as its code.")
NEW_REGION_CODE_TAKEN = gettext_lazy("Region code %(code)s is already used by %(name)s.")
NEW_REGION_CODE_TWICE = gettext_lazy("Region code %(code)s is also given as a new region in row %(row)s.")
NEW_REGION_EXISTS = gettext_lazy("%(parent)s already has a region named %(name)s: put its name or code in 所在区划 instead.")
NEW_REGION_TWICE = gettext_lazy("The new region %(name)s is also created in row %(row)s.")
REGION_CYCLE = gettext_lazy("The new regions on these rows refer to each other in a circle.")
CODE_NOT_DIGITS = gettext_lazy("A region code is made of digits only (found “%(code)s”).")
PARENT_NEEDED = gettext_lazy("Fill in 上级单位: only a system administrator adds units at the top.")
UNIT_UNKNOWN = gettext_lazy("No unit named “%(name)s”, neither in the system nor on the 单位 sheet.")
UNIT_AMBIGUOUS = gettext_lazy("Several units are named “%(name)s” (in the system or on the 单位 sheet); names must be unambiguous.")
UNIT_OUTSIDE_SCOPE = gettext_lazy("%(name)s is outside your scope: you can import only into the units you manage.")
UNIT_EXISTS = gettext_lazy("%(region)s already has a unit named %(name)s.")
UNIT_TWICE = gettext_lazy("The unit %(name)s in %(region)s is also on row %(row)s.")
UNIT_CYCLE = gettext_lazy("The units on these rows are each other's parents in a circle.")
PARENT_REGION = gettext_lazy("The unit must sit in the region of its parent unit (%(parent)s) or in a region below it.")
PHONE_SHAPE = gettext_lazy("A mobile number has 11 digits and starts with 1 (found “%(value)s”).")
ID_SHAPE = gettext_lazy("An ID card number has 18 characters: 17 digits and a last digit or X.")
ID_NUMERIC = gettext_lazy("The ID card number was stored as a number and lost its last digits: format the column as text and type it again.")
ID_CHECKSUM = gettext_lazy("The ID card number's check digit is wrong: a digit was mistyped.")
ID_BIRTH = gettext_lazy("The ID card number does not contain a valid date of birth.")
PERSON_ID_TWICE = gettext_lazy("The same ID card number is on row %(row)s.")
PERSON_ID_EXISTS = gettext_lazy("This ID card number is already recorded for someone.")
PERSON_TWICE = gettext_lazy("%(name)s of %(unit)s is also on row %(row)s.")
PERSON_EXISTS = gettext_lazy("%(name)s is already recorded in %(unit)s.")
NOT_A_DATE = gettext_lazy("Expected a date such as 2024-01-01 (found “%(value)s”).")
NOT_A_COUNT = gettext_lazy("Expected a whole number of 0 or more (found “%(value)s”).")
PERIOD_ORDER = gettext_lazy("The end date is before the start date.")
RESIDENTS_BELOW_HOUSEHOLDS = gettext_lazy("There are fewer residents than households: are 户数 and 人口 swapped?")
PROFILE_NOT_GRASSROOTS = gettext_lazy("%(name)s is not a community or village: only those have a community profile.")
PROFILE_TWICE = gettext_lazy("%(name)s has another profile starting on the same date on row %(row)s.")
PROFILE_EXISTS = gettext_lazy("%(name)s already has a profile starting on %(date)s.")
PROFILE_OVERLAP_FILE = gettext_lazy("This period overlaps the one on row %(row)s.")
PROFILE_OVERLAP_DB = gettext_lazy("This period overlaps the recorded profile that starts on %(date)s: give an end date before it.")
NOT_ALLOWED = gettext_lazy("You may not import into any unit.")
MORE_PROBLEMS = gettext_lazy("… and %(count)s more problems not listed.")


class ImportFileError(DomainError):
    """The upload is not something we can open (too big, not .xlsx)."""


# --- The file format ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    aliases: tuple[str, ...]
    required: bool
    note: Promise


UNIT_COLUMNS = (
    Column("name", "名称", ("name", "unit", "unit name", "单位名称"), True, gettext_lazy("The unit's full name, e.g. 新渭路社区.")),
    Column("kind", "类别", ("kind", "type", "单位类别"), True, gettext_lazy("One of 党委政府办公室, 部门, 乡镇街道, 社区, 村 (pick from the list).")),
    Column("region_code", "所在区划代码", ("region code", "区划代码"), False, gettext_lazy(
        "The statistical code of the region the unit sits in: 6 digits for a county, 9 for a town/street, 12 for a village/community. Fill in this or the region name."
    )),
    Column("region_name", "所在区划名称", ("region", "region name", "区划名称"), False, gettext_lazy(
        "The region's name, if you do not know its code; it must be unambiguous within your scope."
    )),
    Column("parent", "上级单位", ("parent", "parent unit"), False, gettext_lazy(
        "The full name of the unit above, already in the system or on this sheet (in any order). Required unless you are a system administrator."
    )),
    Column("new_region_name", "新区划名称", ("new region", "new region name"), False, gettext_lazy(
        "Only for a town/street or village/community not yet in the system: its name. It is created below the region in 所在区划, and the unit sits in it."
    )),
    Column("new_region_code", "新区划代码", ("new region code",), False, gettext_lazy(
        "The new region's statistical code: 9 digits for a town/street, 12 for a village/community, starting with its parent's code."
    )),
)
PERSON_COLUMNS = (
    Column("name", "姓名", ("name", "person", "full name"), True, gettext_lazy("The person's name.")),
    Column("kind", "类别", ("kind", "type", "人员类别"), True, gettext_lazy("One of 干部, 社区工作者, 党员, 志愿者, 骑手 (pick from the list).")),
    Column("unit", "所属单位", ("unit", "unit name"), True, gettext_lazy("The full name of the person's unit, already in the system or on the 单位 sheet.")),
    Column("position", "职务", ("position", "title"), False, gettext_lazy("The person's post, e.g. 党支部书记. Optional.")),
    Column("phone", "手机号", ("phone", "mobile", "mobile phone", "手机号码"), False, gettext_lazy("11-digit mobile number. Optional.")),
    Column("id_number", "身份证号", ("id number", "id card number", "身份证号码"), False, gettext_lazy(
        "18-character ID card number; format the column as text so Excel keeps every digit. Optional."
    )),
)
PROFILE_COLUMNS = (
    Column("unit", "单位", ("unit", "unit name", "单位名称"), True, gettext_lazy("The community or village, already in the system or on the 单位 sheet.")),
    Column("valid_from", "起始日期", ("valid from", "from", "start"), True, gettext_lazy("The date from which these figures hold, e.g. 2024-01-01.")),
    Column("valid_to", "截止日期", ("valid to", "to", "end"), False, gettext_lazy(
        "Leave empty while the figures still hold; a newer profile closes the previous one by itself."
    )),
    Column("households", "户数", ("households",), True, gettext_lazy("Number of households (whole number).")),
    Column("residents", "人口", ("residents", "population"), True, gettext_lazy("Number of residents (whole number).")),
    Column("staff", "工作人员", ("staff",), True, gettext_lazy("Number of community/village staff (whole number).")),
)
SHEETS: dict[str, tuple[tuple[str, ...], tuple[Column, ...]]] = {
    SHEET_UNITS: (("units", "unit"), UNIT_COLUMNS),
    SHEET_PEOPLE: (("people", "persons", "person"), PERSON_COLUMNS),
    SHEET_PROFILES: (("community profiles", "community profile", "profiles"), PROFILE_COLUMNS),
}

UNIT_KIND_WORDS = {
    "党委政府办公室": UnitKind.PARTY_GOV_OFFICE, "部门": UnitKind.DEPARTMENT, "乡镇街道": UnitKind.TOWN_OFFICE,
    "乡镇/街道": UnitKind.TOWN_OFFICE, "乡镇": UnitKind.TOWN_OFFICE, "街道": UnitKind.TOWN_OFFICE,
    "社区": UnitKind.COMMUNITY, "村": UnitKind.VILLAGE,
}
PERSON_KIND_WORDS = {
    "干部": PersonKind.CADRE, "社区工作者": PersonKind.COMMUNITY_WORKER, "党员": PersonKind.PARTY_MEMBER,
    "志愿者": PersonKind.VOLUNTEER, "骑手": PersonKind.RIDER,
}
UNIT_KIND_CHOICES = "党委政府办公室,部门,乡镇街道,社区,村"
PERSON_KIND_CHOICES = "干部,社区工作者,党员,志愿者,骑手"
CODE_LENGTHS = {RegionLevel.TOWN: 9, RegionLevel.VILLAGE: 12}
_PHONE = re.compile(r"^1[3-9]\d{9}$")
_ID = re.compile(r"^\d{17}[\dX]$")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def _norm_header(text: Any) -> str:
    value = str(text or "").strip().lower().replace("\u3000", " ")
    value = re.sub(r"[（(][^）)]*[）)]", "", value).replace("*", "")
    return re.sub(r"\s+", " ", value).strip()


def _kind_lookup(words: Mapping[str, str], choices: Iterable[tuple[str, Any]]) -> dict[str, str]:
    table = {k.lower(): v for k, v in words.items()}
    for value, label in choices:
        table[str(value).lower()] = value
        table[str(label).lower()] = value
    return table


# --- Report ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str
    message: str


@dataclass
class ImportReport:
    filename: str = ""
    dry_run: bool = False
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=lambda: {"regions": 0, "units": 0, "people": 0, "profiles": 0})
    units: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def add(self, sheet: str, row: int | None, column: str, message: Any) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(sheet, row, column, str(message)))

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        data["more"] = max(0, self.problem_count - len(self.problems))
        return data


# --- Reading -----------------------------------------------------------------------------------


@dataclass
class Row:
    sheet: str
    number: int
    values: dict[str, Any]
    refs: dict[str, str]  # key -> "C 类别"

    def ref(self, key: str) -> str:
        return self.refs.get(key, "")


def upload_check(*, name: str, size: int, head: bytes) -> None:
    """Refuse a file we will not open: too big, or not an .xlsx workbook (checked by content, not only by name)."""
    limit = settings.QZ_UPLOAD_MAX_BYTES
    if size > limit:
        raise ImportFileError("file_too_big", FILE_TOO_BIG % {"size": f"{size / 1048576:.1f}", "max": limit // 1048576}, "file")
    if size == 0:
        raise ImportFileError("file_empty", FILE_EMPTY, "file")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError("file_old_xls", FILE_OLD_XLS, "file")
    if not head.startswith(b"PK\x03\x04") or not name.lower().endswith(".xlsx"):
        raise ImportFileError("file_not_xlsx", FILE_NOT_XLSX, "file")


def zip_refusal(source: str | Path | IO[bytes]) -> tuple[str, str] | None:
    """Unpack the workbook as a zip without keeping it, within the settings' bounds: (code, message) if refused."""
    limits = zip_limits.ZipLimits(
        member_bytes=settings.QZ_UPLOAD_MEMBER_MAX_BYTES,
        total_bytes=settings.QZ_UPLOAD_INFLATED_MAX_BYTES,
        members=settings.QZ_UPLOAD_ZIP_MAX_MEMBERS,
    )
    try:
        if isinstance(source, str | Path):
            with open(source, "rb") as stream:
                zip_limits.zip_check(stream, limits)
        else:
            zip_limits.zip_check(source, limits)
            source.seek(0)
    except zip_limits.ZipRefused as exc:
        if exc.reason == zip_limits.NOT_A_ZIP:
            return "file_not_xlsx", str(FILE_NOT_XLSX)
        if exc.reason in (zip_limits.DAMAGED, zip_limits.UNSUPPORTED):
            return "file_damaged", str(FILE_DAMAGED)
        limit = limits.total_bytes if exc.reason == zip_limits.TOTAL_TOO_LARGE else limits.member_bytes
        return "file_bomb", str(FILE_BOMB % {"mb": limit // 1048576})
    return None


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def workbook_read(source: str | Path | IO[bytes], report: ImportReport, progress: ProgressFn | None = None) -> dict[str, list[Row]]:
    """Stream the workbook's three sheets into rows keyed by column; header problems go to ``report``.

    The zip is checked first (a bomb stops there), and the rows are counted as they stream: past
    QZ_IMPORT_MAX_ROWS the reading stops and the file is refused.
    """
    refusal = zip_refusal(source)
    if refusal is not None:
        report.add("", None, "", refusal[1])
        return {}
    max_rows = settings.QZ_IMPORT_MAX_ROWS
    kept = 0
    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        report.add("", None, "", FILE_NOT_XLSX)
        return {}
    found: dict[str, Any] = {}
    try:
        by_name = {_norm_header(ws.title): ws for ws in book.worksheets}
        for canonical, (aliases, _columns) in SHEETS.items():
            for candidate in (canonical, *aliases):
                if _norm_header(candidate) in by_name:
                    found[canonical] = by_name[_norm_header(candidate)]
                    break
        if not found:
            report.add("", None, "", NO_SHEETS)
            return {}
        estimate = sum((ws.max_row or 0) for ws in found.values())
        seen = 0
        result: dict[str, list[Row]] = {}
        for canonical, ws in found.items():
            columns = SHEETS[canonical][1]
            rows: list[Row] = []
            result[canonical] = rows
            mapping: dict[int, Column] = {}
            refs: dict[str, str] = {}
            for number, raw in enumerate(ws.iter_rows(values_only=True), start=1):
                seen += 1
                if progress and seen % 50 == 0:
                    # Without a stored dimension the size is unknown: report rows read, with no total.
                    progress(seen, estimate if estimate >= seen else 0, _("Reading the sheet %(sheet)s…") % {"sheet": ws.title})
                if number == 1:
                    mapping, refs = _header(ws.title, raw, columns, report)
                    if mapping is None:
                        break
                    continue
                values = {col.key: _cell(raw[idx]) if idx < len(raw) else None for idx, col in mapping.items()}
                if all(v is None for v in values.values()):
                    continue
                kept += 1
                if kept > max_rows:
                    report.add(ws.title, number, "", TOO_MANY_ROWS % {"max": f"{max_rows:,}"})
                    return {}
                rows.append(Row(ws.title, number, values, refs))
            report.rows[ws.title] = len(rows)
        return result
    finally:
        book.close()


def _header(title: str, raw: tuple[Any, ...], columns: tuple[Column, ...], report: ImportReport) -> tuple[Any, dict[str, str]]:
    lookup: dict[str, Column] = {}
    for col in columns:
        for name in (col.header, *col.aliases):
            lookup[_norm_header(name)] = col
    mapping: dict[int, Column] = {}
    refs: dict[str, str] = {}
    for idx, text in enumerate(raw):
        match = lookup.get(_norm_header(text))
        if match is None:
            continue
        letter = get_column_letter(idx + 1)
        if match.key in refs:
            report.add(title, 1, f"{letter} {text}", DUPLICATE_COLUMN % {"header": match.header})
            continue
        mapping[idx] = match
        refs[match.key] = f"{letter} {str(text).strip()}"
    missing = [col for col in columns if col.required and col.key not in refs]
    for col in missing:
        report.add(title, 1, "", MISSING_COLUMN % {"header": col.header})
    return (None if missing else mapping), refs


# --- Checking ----------------------------------------------------------------------------------


@dataclass(eq=False)
class NewRegion:
    row: Row
    name: str
    code: str | None
    parent: Any = None  # Region | NewRegion, once resolved
    level: int = 0
    created: Region | None = None


@dataclass(eq=False)
class NewUnit:
    row: Row
    name: str
    kind: str
    region: Any = None  # Region | NewRegion
    parent: Any = None  # Unit | NewUnit | None
    parent_name: str | None = None
    created: Unit | None = None


@dataclass
class NewPerson:
    row: Row
    name: str
    kind: str
    unit: Any
    position: str
    phone: str
    id_number: str


@dataclass
class NewProfile:
    row: Row
    unit: Any
    valid_from: dt.date
    valid_to: dt.date | None
    households: int
    residents: int
    staff: int


def _chunks(items: list[Any], size: int = 500) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _name(ref: Any) -> str:
    return str(ref.name)


class Plan:
    """Everything a workbook asks for, checked against the database and the importer's scope."""

    def __init__(self, *, actor: Any, report: ImportReport) -> None:
        self.actor = actor
        self.report = report
        self.is_admin = access.is_system_admin(actor)
        self.unit_rows: list[Row] = []
        self.regions: list[NewRegion] = []
        self.units: list[NewUnit] = []
        self.people: list[NewPerson] = []
        self.profiles: list[NewProfile] = []
        self.unit_kinds = _kind_lookup(UNIT_KIND_WORDS, UnitKind.choices)
        self.person_kinds = _kind_lookup(PERSON_KIND_WORDS, PersonKind.choices)

    def problem(self, row: Row, key: str, message: Any) -> None:
        self.report.add(row.sheet, row.number, row.ref(key), message)

    # -- cells --

    def text(self, row: Row, key: str, *, required: bool = False, max_length: int = 100) -> str | None:
        value = row.values.get(key)
        if value is None:
            if required:
                self.problem(row, key, REQUIRED)
            return None
        if isinstance(value, (dt.date, dt.datetime, bool)):
            self.problem(row, key, NOT_TEXT % {"value": value})
            return None
        text = str(value).strip()
        if len(text) > max_length:
            self.problem(row, key, TOO_LONG % {"max": max_length, "length": len(text)})
            return None
        return text

    def code(self, row: Row, key: str) -> str | None:
        value = row.values.get(key)
        if value is None:
            return None
        text = str(value).strip()
        if not text.isdigit():
            self.problem(row, key, CODE_NOT_DIGITS % {"code": text})
            return None
        return text

    def date(self, row: Row, key: str, *, required: bool = False) -> dt.date | None:
        value = row.values.get(key)
        if value is None:
            if required:
                self.problem(row, key, REQUIRED)
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 200000:
            converted = from_excel(value)
            if isinstance(converted, dt.datetime):
                return converted.date()
        if isinstance(value, str):
            match = re.match(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$", value)
            if match:
                try:
                    return dt.date(*(int(g) for g in match.groups()))
                except ValueError:
                    pass
        self.problem(row, key, NOT_A_DATE % {"value": value})
        return None

    def count(self, row: Row, key: str) -> int | None:
        value = row.values.get(key)
        if value is None:
            self.problem(row, key, REQUIRED)
            return None
        if isinstance(value, str):
            cleaned = value.replace(",", "").replace("，", "").strip()
            value = int(cleaned) if cleaned.isdigit() else value
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.problem(row, key, NOT_A_COUNT % {"value": value})
            return None
        return value

    def phone(self, row: Row) -> str:
        value = row.values.get("phone")
        if value is None:
            return ""
        text = re.sub(r"[\s\-]", "", str(value))
        text = text.removeprefix("+86")
        if not _PHONE.match(text):
            self.problem(row, "phone", PHONE_SHAPE % {"value": value})
            return ""
        return text

    def id_number(self, row: Row) -> str:
        value = row.values.get("id_number")
        if value is None:
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            text = str(int(value))
            if len(text) != 18 or not id_number_valid(text):
                self.problem(row, "id_number", ID_NUMERIC)
                return ""
            return text
        text = str(value).strip().upper().replace(" ", "")
        if not _ID.match(text):
            self.problem(row, "id_number", ID_SHAPE)
            return ""
        if not _id_birth_valid(text):
            self.problem(row, "id_number", ID_BIRTH)
            return ""
        if not id_number_valid(text):
            self.problem(row, "id_number", ID_CHECKSUM)
            return ""
        return text

    # -- rows --

    def parse(self, sheets: dict[str, list[Row]]) -> None:
        self.unit_rows = sheets.get(SHEET_UNITS, [])
        for row in self.unit_rows:
            name = self.text(row, "name", required=True)
            kind = self.kind(row, self.unit_kinds, UNKNOWN_UNIT_KIND)
            new_name = self.text(row, "new_region_name")
            new_code = self.code(row, "new_region_code")
            if new_code and not new_name:
                self.problem(row, "new_region_name", NEW_REGION_NAME_NEEDED)
            region = NewRegion(row, new_name, new_code) if new_name else None
            if region:
                self.regions.append(region)
            if name and kind:
                self.units.append(NewUnit(row, name, kind, region=region, parent_name=self.text(row, "parent")))
        for row in sheets.get(SHEET_PEOPLE, []):
            name = self.text(row, "name", required=True, max_length=50)
            kind = self.kind(row, self.person_kinds, UNKNOWN_PERSON_KIND)
            unit = self.text(row, "unit", required=True)
            position = self.text(row, "position", max_length=50) or ""
            phone, id_number = self.phone(row), self.id_number(row)
            if name and kind and unit:
                self.people.append(NewPerson(row, name, kind, unit, position, phone, id_number))
        for row in sheets.get(SHEET_PROFILES, []):
            unit = self.text(row, "unit", required=True)
            start, end = self.date(row, "valid_from", required=True), self.date(row, "valid_to")
            households, residents, staff = self.count(row, "households"), self.count(row, "residents"), self.count(row, "staff")
            if start and end and end < start:
                self.problem(row, "valid_to", PERIOD_ORDER)
                continue
            if households is not None and residents is not None and residents < households:
                self.problem(row, "residents", RESIDENTS_BELOW_HOUSEHOLDS)
                continue
            if unit and start and households is not None and residents is not None and staff is not None:
                self.profiles.append(NewProfile(row, unit, start, end, households, residents, staff))

    def kind(self, row: Row, table: dict[str, str], message: Any) -> str | None:
        value = self.text(row, "kind", required=True)
        if value is None:
            return None
        found = table.get(value.lower())
        if found is None:
            self.problem(row, "kind", message % {"value": value})
        return found

    # -- resolution against the database --

    def check(self) -> None:
        if not self.is_admin and not access.can(self.actor, "org.import"):
            self.report.add("", None, "", NOT_ALLOWED)
            return
        self._load()
        self._check_regions()
        self._check_units()
        self._check_people()
        self._check_profiles()

    def _load(self) -> None:
        codes = {str(r.values["region_code"]).strip() for r in self.unit_rows if r.values.get("region_code") is not None}
        codes |= {r.code for r in self.regions if r.code}
        codes |= {r.code[:6] for r in self.regions if r.code} | {r.code[:9] for r in self.regions if r.code}
        self.db_regions_by_code: dict[str, Region] = {}
        for chunk in _chunks(sorted(codes)):
            self.db_regions_by_code.update({r.code or "": r for r in Region.objects.filter(code__in=chunk)})
        region_names = sorted({str(r.values["region_name"]).strip() for r in self.unit_rows if r.values.get("region_name") is not None})
        self.db_regions_by_name: dict[str, list[Region]] = defaultdict(list)
        self.region_name_exists: set[str] = set()
        for chunk in _chunks(region_names):
            scoped = access.scoped_queryset(self.actor, "org.import", Region.objects.filter(name__in=chunk))
            for region in scoped:
                self.db_regions_by_name[region.name].append(region)
            self.region_name_exists |= set(Region.objects.filter(name__in=chunk).values_list("name", flat=True))
        names = {u.parent_name for u in self.units if u.parent_name} | {p.unit for p in self.people} | {p.unit for p in self.profiles}
        names |= {u.name for u in self.units}
        self.db_units_by_name: dict[str, list[Unit]] = defaultdict(list)
        self.db_unit_names: set[str] = set()
        self.db_unit_keys: set[tuple[int, str]] = set()
        for chunk in _chunks(sorted(names)):
            in_scope = access.scoped_queryset(self.actor, "org.import", Unit.objects.filter(name__in=chunk).select_related("region"))
            for unit in in_scope:
                self.db_units_by_name[unit.name].append(unit)
            for region_id, name in Unit.objects.filter(name__in=chunk).values_list("region_id", "name"):
                self.db_unit_names.add(name)
                self.db_unit_keys.add((region_id, name))
        self.file_units_by_name: dict[str, list[NewUnit]] = defaultdict(list)
        for new_unit in self.units:
            self.file_units_by_name[new_unit.name].append(new_unit)

    def _region_by_code(self, code: str) -> Region | NewRegion | None:
        for new in self.regions:
            if new.code == code:
                return new
        return self.db_regions_by_code.get(code)

    def _base_region(self, row: Row) -> Region | NewRegion | None:
        """The region named by 所在区划代码/名称 (None with a problem recorded, or None when empty)."""
        code = self.code(row, "region_code") if row.values.get("region_code") is not None else None
        name = self.text(row, "region_name")
        if row.values.get("region_code") is not None and code is None:
            return None
        if code:
            found = self._region_by_code(code)
            if found is None:
                self.problem(row, "region_code", REGION_CODE_UNKNOWN % {"code": code})
            elif name and name != found.name:
                self.problem(row, "region_name", REGION_NAME_MISMATCH % {"code": code, "actual": found.name, "name": name})
                return None
            return found
        if name:
            candidates: list[Any] = [r for r in self.regions if r.name == name] + self.db_regions_by_name.get(name, [])
            if len(candidates) == 1:
                return candidates[0]
            if candidates:
                self.problem(row, "region_name", REGION_NAME_AMBIGUOUS % {"name": name})
            elif name in self.region_name_exists:
                self.problem(row, "region_name", REGION_OUTSIDE_SCOPE % {"name": name})
            else:
                self.problem(row, "region_name", REGION_NAME_UNKNOWN % {"name": name})
        return None

    def _check_regions(self) -> None:
        by_code: dict[str, NewRegion] = {}
        for new in self.regions:
            if new.code:
                if new.code in by_code:
                    self.problem(new.row, "new_region_code", NEW_REGION_CODE_TWICE % {"code": new.code, "row": by_code[new.code].row.number})
                elif new.code in self.db_regions_by_code:
                    taken = self.db_regions_by_code[new.code]
                    self.problem(new.row, "new_region_code", NEW_REGION_CODE_TAKEN % {"code": new.code, "name": taken.name})
                else:
                    by_code[new.code] = new
        for new in self.regions:
            parent = self._base_region(new.row)
            given = new.row.values.get("region_code") is not None or new.row.values.get("region_name") is not None
            if parent is None and not given:
                # No parent named: a statistical code tells it (9 digits: its county; 12: its town).
                if new.code and len(new.code) in (9, 12):
                    parent_code = new.code[: len(new.code) - 3]
                    parent = self._region_by_code(parent_code)
                    if parent is None:
                        self.problem(new.row, "new_region_code", REGION_CODE_UNKNOWN % {"code": parent_code})
                elif new.code:
                    self.problem(new.row, "new_region_code", org_errors.REGION_CODE_SHAPE)
                else:
                    self.problem(new.row, "region_code", REGION_NEEDED)
            new.parent = parent
        # Levels follow the parents; a circle of new regions never reaches the database.
        for new in self.regions:
            chain: list[NewRegion] = []
            node: Any = new
            while isinstance(node, NewRegion) and node not in chain:
                chain.append(node)
                node = node.parent
            if isinstance(node, NewRegion):
                self.problem(new.row, "region_code", REGION_CYCLE)
                new.parent = None
        db_parents = [r.parent.pk for r in self.regions if isinstance(r.parent, Region)]
        allowed = set(access.scoped_queryset(self.actor, "org.import", Region.objects.filter(pk__in=db_parents)).values_list("pk", flat=True))
        existing_names: set[tuple[int, str]] = set(
            Region.objects.filter(parent_id__in=db_parents, name__in=[r.name for r in self.regions]).values_list("parent_id", "name")
        )
        seen: dict[tuple[int, str], NewRegion] = {}
        for new in self.regions:
            level = self._level(new)
            if new.parent is None or level is None:
                continue
            if isinstance(new.parent, Region) and new.parent.pk not in allowed:
                self.problem(new.row, "region_code", REGION_OUTSIDE_SCOPE % {"name": new.parent.name})
                continue
            if level not in CODE_LENGTHS:
                self.problem(new.row, "new_region_name", org_errors.REGION_LEVEL)
                continue
            new.level = level
            parent_code = new.parent.code
            if new.code and len(new.code) != CODE_LENGTHS[RegionLevel(level)]:
                self.problem(new.row, "new_region_code", org_errors.REGION_CODE_SHAPE)
            elif new.code and parent_code and not new.code.startswith(parent_code):
                self.problem(new.row, "new_region_code", org_errors.REGION_CODE_PARENT % {"code": new.code, "parent": parent_code})
            key = (id(new.parent), new.name)
            if isinstance(new.parent, Region) and (new.parent.pk, new.name) in existing_names:
                self.problem(new.row, "new_region_name", NEW_REGION_EXISTS % {"parent": new.parent.name, "name": new.name})
            elif key in seen:
                self.problem(new.row, "new_region_name", NEW_REGION_TWICE % {"name": new.name, "row": seen[key].row.number})
            else:
                seen[key] = new

    def _level(self, region: Any) -> int | None:
        if region is None:
            return None
        if isinstance(region, Region):
            return int(region.level)
        parent_level = self._level(region.parent)
        return None if parent_level is None else parent_level + 1

    def _within(self, child: Any, ancestor: Any) -> bool:
        """Whether region ``child`` is ``ancestor`` or below it (new regions included)."""
        node = child
        while isinstance(node, NewRegion):
            if node is ancestor:
                return True
            node = node.parent
        if node is None or isinstance(ancestor, NewRegion):
            return False
        return bool(node.path.startswith(ancestor.path))

    def unit_ref(self, row: Row, key: str, name: str) -> Unit | NewUnit | None:
        candidates: list[Any] = [*self.file_units_by_name.get(name, []), *self.db_units_by_name.get(name, [])]
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            self.problem(row, key, UNIT_AMBIGUOUS % {"name": name})
        elif name in self.db_unit_names:
            self.problem(row, key, UNIT_OUTSIDE_SCOPE % {"name": name})
        else:
            self.problem(row, key, UNIT_UNKNOWN % {"name": name})
        return None

    def _check_units(self) -> None:
        seen: dict[tuple[int, str], NewUnit] = {}
        for unit in self.units:
            if unit.region is None:
                unit.region = self._base_region(unit.row)
                if unit.region is None and unit.row.values.get("region_code") is None and unit.row.values.get("region_name") is None:
                    self.problem(unit.row, "region_code", REGION_NEEDED)
            if unit.parent_name:
                unit.parent = self.unit_ref(unit.row, "parent", unit.parent_name)
            elif not self.is_admin:
                self.problem(unit.row, "parent", PARENT_NEEDED)
            if unit.region is None:
                continue
            region_label = unit.region.name
            if isinstance(unit.region, Region) and (unit.region.pk, unit.name) in self.db_unit_keys:
                self.problem(unit.row, "name", UNIT_EXISTS % {"region": region_label, "name": unit.name})
                continue
            key = (id(unit.region), unit.name)
            if key in seen:
                self.problem(unit.row, "name", UNIT_TWICE % {"name": unit.name, "region": region_label, "row": seen[key].row.number})
                continue
            seen[key] = unit
            if unit.parent is not None and not (isinstance(unit.region, NewRegion) and unit.region.parent is None):
                parent_region = unit.parent.region
                if parent_region is not None and not self._within(unit.region, parent_region):
                    self.problem(unit.row, "parent", PARENT_REGION % {"parent": unit.parent.name})
        # Parents before children, whatever the order of the rows.
        ordered: list[NewUnit] = []
        state: dict[int, str] = {}
        for unit in self.units:
            self._visit(unit, state, ordered)
        self.units = ordered

    def _visit(self, unit: NewUnit, state: dict[int, str], ordered: list[NewUnit]) -> None:
        mark = state.get(id(unit))
        if mark == "done":
            return
        if mark == "open":
            self.problem(unit.row, "parent", UNIT_CYCLE)
            return
        state[id(unit)] = "open"
        if isinstance(unit.parent, NewUnit):
            self._visit(unit.parent, state, ordered)
        state[id(unit)] = "done"
        ordered.append(unit)

    def _check_people(self) -> None:
        numbers = [p.id_number for p in self.people if p.id_number]
        taken: set[str] = set()
        for chunk in _chunks(numbers):
            taken |= set(Person.objects.filter(id_number__in=chunk).values_list("id_number", flat=True))
        db_units = {p.unit for p in self.people}
        known: set[tuple[int, str]] = set()
        unit_ids = [u.pk for name in db_units for u in self.db_units_by_name.get(name, [])]
        for chunk in _chunks(unit_ids):
            known |= set(Person.objects.filter(unit_id__in=chunk).values_list("unit_id", "name"))
        by_number: dict[str, NewPerson] = {}
        by_name: dict[tuple[int, str], NewPerson] = {}
        for person in self.people:
            unit = self.unit_ref(person.row, "unit", person.unit)
            if unit is None:
                continue
            person.unit = unit
            if person.id_number:
                if person.id_number in by_number:
                    self.problem(person.row, "id_number", PERSON_ID_TWICE % {"row": by_number[person.id_number].row.number})
                    continue
                if person.id_number in taken:
                    self.problem(person.row, "id_number", PERSON_ID_EXISTS)
                    continue
                by_number[person.id_number] = person
            else:
                key = (id(unit), person.name)
                if key in by_name:
                    self.problem(person.row, "name", PERSON_TWICE % {"name": person.name, "unit": unit.name, "row": by_name[key].row.number})
                    continue
                if isinstance(unit, Unit) and (unit.pk, person.name) in known:
                    self.problem(person.row, "name", PERSON_EXISTS % {"name": person.name, "unit": unit.name})
                    continue
                by_name[key] = person

    def _check_profiles(self) -> None:
        existing: dict[int, list[dt.date]] = defaultdict(list)
        unit_ids = [u.pk for p in self.profiles for u in self.db_units_by_name.get(p.unit, [])]
        for chunk in _chunks(sorted(set(unit_ids))):
            for unit_id, start in CommunityProfile.objects.filter(unit_id__in=chunk).values_list("unit_id", "valid_from"):
                existing[unit_id].append(start)
        grouped: dict[int, list[NewProfile]] = defaultdict(list)
        for profile in self.profiles:
            unit = self.unit_ref(profile.row, "unit", profile.unit)
            if unit is None:
                continue
            profile.unit = unit
            if unit.kind not in (UnitKind.COMMUNITY, UnitKind.VILLAGE):
                self.problem(profile.row, "unit", PROFILE_NOT_GRASSROOTS % {"name": unit.name})
                continue
            grouped[id(unit)].append(profile)
        for group in grouped.values():
            group.sort(key=lambda p: p.valid_from)
            recorded = sorted(existing.get(group[0].unit.pk, [])) if isinstance(group[0].unit, Unit) else []
            previous: NewProfile | None = None
            for profile in group:
                name = profile.unit.name
                if previous and previous.valid_from == profile.valid_from:
                    self.problem(profile.row, "valid_from", PROFILE_TWICE % {"name": name, "row": previous.row.number})
                    continue
                if previous and previous.valid_to is not None and previous.valid_to >= profile.valid_from:
                    self.problem(profile.row, "valid_from", PROFILE_OVERLAP_FILE % {"row": previous.row.number})
                if profile.valid_from in recorded:
                    self.problem(profile.row, "valid_from", PROFILE_EXISTS % {"name": name, "date": profile.valid_from.isoformat()})
                following = [d for d in recorded if d > profile.valid_from]
                if following and (profile.valid_to is None or profile.valid_to >= following[0]):
                    self.problem(profile.row, "valid_to", PROFILE_OVERLAP_DB % {"date": following[0].isoformat()})
                previous = profile
        self.profiles = [p for group in grouped.values() for p in group]

    # -- writing --

    @property
    def steps(self) -> int:
        return len(self.regions) + len(self.units) + len(self.people) + len(self.profiles)

    def write(self, progress: ProgressFn | None) -> None:
        """Write everything in one transaction through the org services; any refusal undoes it all."""
        total, done = self.steps, 0
        label = _("Writing to the database…")

        def step(row: Row, key: str, action: Callable[[], Any]) -> Any:
            nonlocal done
            try:
                value = action()
            except (DomainError, PermissionDenied) as exc:
                self.problem(row, key, getattr(exc, "message", None) or str(exc) or access.DENIED_MESSAGE)
                raise _Rollback from exc
            done += 1
            if progress:
                progress(done, total, label)
            return value

        def region_of(ref: Any) -> Any:
            return ref.created if isinstance(ref, NewRegion) else ref

        def unit_of(ref: Any) -> Any:
            return ref.created if isinstance(ref, NewUnit) else ref

        try:
            with transaction.atomic():
                for new in sorted(self.regions, key=lambda r: r.level):
                    new.created = step(new.row, "new_region_name", partial(
                        services.region_create, actor=self.actor, parent=region_of(new.parent), name=new.name, code=new.code
                    ))
                for unit in self.units:
                    unit.created = step(unit.row, "name", partial(
                        services.unit_create, actor=self.actor, name=unit.name, kind=unit.kind, region=region_of(unit.region),
                        parent=unit_of(unit.parent) if unit.parent is not None else None,
                    ))
                for person in self.people:
                    step(person.row, "name", partial(
                        services.person_create, actor=self.actor, name=person.name, kind=person.kind, unit=unit_of(person.unit),
                        phone=person.phone, id_number=person.id_number, position=person.position,
                    ))
                for profile in self.profiles:
                    step(profile.row, "valid_from", partial(
                        services.profile_set, actor=self.actor, unit=unit_of(profile.unit), valid_from=profile.valid_from, valid_to=profile.valid_to,
                        households=profile.households, residents=profile.residents, staff=profile.staff,
                    ))
        except _Rollback:
            return


class _Rollback(Exception):
    pass


def id_number_valid(number: str) -> bool:
    """GB 11643 check digit of an 18-character resident ID number."""
    if not _ID.match(number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17]


def _id_birth_valid(number: str) -> bool:
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= dt.date.today()  # noqa: DTZ011 - a calendar date, no time zone involved


# --- Entry points --------------------------------------------------------------------------------


def import_workbook(
    *, actor: Any, source: str | Path | IO[bytes], filename: str = "", dry_run: bool = False, progress: ProgressFn | None = None
) -> ImportReport:
    """Check the whole workbook, then (unless ``dry_run`` or a problem was found) write it all at once."""
    report = ImportReport(filename=filename, dry_run=dry_run)
    sheets = workbook_read(source, report, progress)
    if not report.ok:
        return report
    plan = Plan(actor=actor, report=report)
    if progress:
        progress(0, 1, _("Checking every row…"))
    plan.parse(sheets)
    plan.check()
    if not report.ok:
        # In the order a person goes through the workbook: sheet by sheet, row by row.
        order = {name: i for i, name in enumerate(report.rows)}
        report.problems.sort(key=lambda p: (order.get(p.sheet, -1), p.row or 0, p.column))
        return report
    counts = {"regions": len(plan.regions), "units": len(plan.units), "people": len(plan.people), "profiles": len(plan.profiles)}
    if not dry_run:
        plan.write(progress)
        if not report.ok:
            return report
    report.created = counts
    report.units = [u.name for u in plan.units[:50]]
    return report


def import_job(job: Any, *, path: str, filename: str = "", dry_run: bool = False) -> dict[str, Any]:
    """Background job body: import an uploaded workbook kept in the default storage, then delete the upload."""
    from django.core.files.storage import default_storage

    from qingzhuang.jobs.services import job_progress

    def progress(done: int, total: int, message: str) -> None:
        job_progress(job, done, total, message)

    try:
        try:
            source: str | IO[bytes] = default_storage.path(path)  # stream from disk when the storage is local
        except NotImplementedError:
            with default_storage.open(path, "rb") as fh:
                source = io.BytesIO(fh.read())
        report = import_workbook(actor=job.created_by, source=source, filename=filename, dry_run=dry_run, progress=progress)
    finally:
        default_storage.delete(path)  # it holds personal data: not kept once read
    if report.ok:
        summary = _("Checked: %(units)s units, %(people)s people, %(profiles)s profiles can be imported.") if dry_run else _(
            "Imported %(units)s units, %(regions)s regions, %(people)s people and %(profiles)s profiles."
        )
        job_progress(job, 1, 1, summary % report.created, force=True)
    else:
        job_progress(job, 1, 1, _("%(count)s problems found; nothing was written.") % {"count": report.problem_count}, force=True)
    return report.as_dict()


IMPORT_KIND = "org.import"
UPLOAD_DIR = "jobs/uploads"
FILE_MISSING = gettext_lazy("Choose the .xlsx file to import.")


def import_start(*, actor: Any, upload: Any, dry_run: bool = False) -> Any:
    """Check an uploaded file's size and type, keep it, and start the import as a background job."""
    import uuid

    from django.core.files.storage import default_storage

    from qingzhuang.jobs.services import job_start

    access.require(actor, "org.import")
    if upload is None:
        raise ImportFileError("file_missing", FILE_MISSING, "file")
    head = upload.read(8)
    upload.seek(0)
    upload_check(name=upload.name or "", size=upload.size or 0, head=head)
    refusal = zip_refusal(upload)
    if refusal is not None:
        raise ImportFileError(refusal[0], refusal[1], "file")
    path = default_storage.save(f"{UPLOAD_DIR}/{uuid.uuid4().hex}.xlsx", upload)
    scopes = access.user_scopes(actor, "org.import")
    unit = Unit.objects.get(pk=scopes[0].unit_id) if isinstance(scopes, list) and scopes else None
    return job_start(
        actor=actor,
        kind=IMPORT_KIND,
        func="qingzhuang.org.imports.import_job",
        payload={"path": path, "filename": Path(upload.name or "").name[:200], "dry_run": dry_run},
        unit=unit,
        input_files=[path],
    )


# --- The template ------------------------------------------------------------------------------

TEMPLATE_EXAMPLES = {
    SHEET_UNITS: ["新渭路社区", "社区", "610302002011", None, "经二路街道办事处", None, None],
    SHEET_PEOPLE: ["吴晓燕", "社区工作者", "新渭路社区", "党支部书记", None, None],
    SHEET_PROFILES: ["新渭路社区", dt.date(2024, 1, 1), None, 3046, 8895, 11],
}


def template_workbook() -> bytes:
    """The import template: the three sheets with headers, drop-downs for 类别, an example row each, and notes."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="FDE7E5")
    for title, (_aliases, columns) in SHEETS.items():
        ws = book.create_sheet(title)
        ws.append([c.header for c in columns])
        ws.append(TEMPLATE_EXAMPLES[title])
        for idx, col in enumerate(columns, start=1):
            cell = ws.cell(row=1, column=idx)
            cell.font, cell.fill = bold, fill
            ws.column_dimensions[get_column_letter(idx)].width = max(12, len(col.header) * 2 + 6)
            if col.key in ("id_number", "phone", "region_code", "new_region_code"):
                for row in range(2, 2001):
                    ws.cell(row=row, column=idx).number_format = "@"  # text: Excel keeps every digit
            if col.key in ("valid_from", "valid_to"):
                ws.cell(row=2, column=idx).number_format = "yyyy-mm-dd"
            if col.key == "kind":
                choices = UNIT_KIND_CHOICES if title == SHEET_UNITS else PERSON_KIND_CHOICES
                validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True, showErrorMessage=True)
                validation.add(f"{get_column_letter(idx)}2:{get_column_letter(idx)}5000")
                ws.add_data_validation(validation)
        ws.freeze_panes = "A2"
    notes = book.create_sheet(SHEET_NOTES)
    notes.append([_("How to fill in this workbook")])
    notes["A1"].font = Font(bold=True, size=13)
    for line in (
        _("Fill in one row per unit, person or community profile; the first row of each sheet holds the headers: do not change them."),
        _("Every row is checked before anything is saved. If any cell has a problem, nothing is imported and you get a list of the rows and cells to fix."),
        _("The example row on each sheet shows the format; delete it before importing."),
        _("Units, people and profiles may refer to units created higher up or further down in the same workbook."),
    ):
        notes.append([line])
    notes.append([])
    notes.append([_("Sheet"), _("Column"), _("Required"), _("What to fill in")])
    header_row = notes.max_row
    for idx in range(1, 5):
        notes.cell(row=header_row, column=idx).font = bold
        notes.cell(row=header_row, column=idx).fill = fill
    for title, (_aliases, columns) in SHEETS.items():
        for col in columns:
            notes.append([title, col.header, _("Yes") if col.required else "", str(col.note)])
    notes.column_dimensions["A"].width = 12
    notes.column_dimensions["B"].width = 16
    notes.column_dimensions["C"].width = 8
    notes.column_dimensions["D"].width = 90
    for row in notes.iter_rows(min_row=header_row + 1):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def workbook_bytes(sheets: dict[str, list[list[Any]]]) -> bytes:
    """A workbook with the given sheets and rows (headers first): for tests and scripts that build imports."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

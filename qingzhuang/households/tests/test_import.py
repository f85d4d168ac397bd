"""The community's list from an .xlsx workbook: all or nothing with a row-by-row report in Chinese. Hostile files — text
named .xlsx, a zip bomb lying about its size, 100,001 rows, a formula, a NUL — are refused in words and write nothing."""

import io
from collections.abc import Iterator

import pytest
from openpyxl import Workbook

from qingzhuang.audit.models import Event
from qingzhuang.households.imports import COLUMNS, households_import, template_bytes
from qingzhuang.households.models import Household
from qingzhuang.households.testing import ID_NUMBER
from tests import bombs

pytestmark = pytest.mark.django_db
HEADER = [header for _f, header, _a, _r in COLUMNS]
GOOD = ["王秀英", "新城社区12号院3号楼1单元101", "13991720001", ID_NUMBER, "独居老人、残疾人", "每周代买菜", "高血压", "王秀英本人", "2026-01-05", "书面"]


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def _book(*rows, header=HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "困难群众"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _import(world, data: bytes, name: str = "名单.xlsx", **kw):
    return households_import(actor=world.secretary, community=world.xincheng, source=io.BytesIO(data), filename=name, **kw)


def _counts():
    return Household.objects.count(), Event.objects.count()


def test_a_good_workbook_adds_every_household_with_its_audit_rows(world):
    second = ["李建国", "新城社区6号院1号楼2单元202", "0917-3216688", "", "低保", "代缴水电费", "", "李建国的女儿", "2026-02-01", "监护人"]
    report = _import(world, _book(GOOD, second))

    assert report.ok and report.created == {"households": 2}
    made = {h.head_name: h for h in Household.objects.all()}
    assert made["王秀英"].kinds == ["elderly_alone", "disabled"] and made["李建国"].consent_how == "guardian"
    assert Event.objects.filter(model="households.household", action="create").count() == 2


def test_the_template_itself_imports(world):
    assert _import(world, template_bytes()).ok


def test_one_bad_row_writes_nothing_and_the_report_names_row_and_column(world):
    before = _counts()
    bad_id = [*GOOD[:3], "610125194503120019", *GOOD[4:]]
    no_kind = [*GOOD[:4], "外星人", *GOOD[5:]]
    report = _import(world, _book(GOOD, bad_id, no_kind, ["", "某地", "", "", "独居", "代买", "", "本人", "2026-13-01", "书面"]))

    assert not report.ok and _counts() == before
    where = {(p.row, p.column.split(" ")[0]): p.message for p in report.problems}
    assert "身份证号无效" in where[(3, "D")]
    assert "外星人" in where[(4, "E")]
    assert "户主姓名" in where[(5, "A")]


def test_a_missing_column_is_named(world):
    report = _import(world, _book(GOOD[:3], header=HEADER[:3]))
    assert not report.ok and any("困难类型" in p.message for p in report.problems) and not Household.objects.exists()


def test_a_text_file_named_xlsx_is_refused_in_words(world):
    report = _import(world, "户主姓名,地址\n王秀英,某地\n".encode())
    assert not report.ok and "不是 Excel" in report.problems[0].message and _counts()[0] == 0


def test_a_zip_bomb_lying_about_its_size_is_refused_before_openpyxl_reads_it(world):
    report = _import(world, bombs.xlsx_bomb(60, lying=True))
    assert not report.ok and report.problem_count == 1 and "MB" in report.problems[0].message and _counts()[0] == 0


def test_a_formula_and_a_nul_are_refused(world):
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "困难群众"
    sheet.append(HEADER)
    sheet.append([*GOOD[:5], "=1+1", *GOOD[6:]])
    out = io.BytesIO()
    book.save(out)
    report = _import(world, out.getvalue())
    assert not report.ok and "公式" in report.problems[0].message and _counts()[0] == 0


def _cells(*values: str) -> str:
    return "".join(f'<c t="inlineStr"><is><t>{value}</t></is></c>' for value in values)


def households_sheet(rows: int) -> bytes:
    """An .xlsx with the header and ``rows`` valid households, its XML streamed straight into the zip."""

    def body() -> Iterator[bytes]:
        batch = [f'<row r="1">{_cells(*HEADER)}</row>']
        for number in range(2, rows + 2):
            batch.append(f'<row r="{number}">{_cells(f"居民{number}", "新城社区1号楼", "", "", "独居", "代买菜", "", "本人", "2026-01-05", "书面")}</row>')
            if len(batch) >= 5000:
                yield "".join(batch).encode()
                batch = []
        yield "".join(batch).encode()

    head = b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    return bombs.replace_member(template_bytes(), "xl/worksheets/sheet1.xml", head, body(), 0, b"</sheetData></worksheet>")


def test_a_sheet_of_100001_households_is_refused_while_streaming_and_nothing_written(world):
    before = _counts()
    report = _import(world, households_sheet(100_001))

    assert not report.ok and report.problem_count == 1
    assert report.problems[0].row == 100_002 and "超过 100,000 行" in report.problems[0].message
    assert _counts() == before


def test_a_dry_run_checks_and_writes_nothing(world):
    report = _import(world, _book(GOOD), dry_run=True)
    assert report.ok and report.rows == {"困难群众": 1} and _counts()[0] == 0


def test_a_rider_cannot_import(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        households_import(actor=world.rider, community=world.xincheng, source=io.BytesIO(_book(GOOD)), filename="a.xlsx")


def test_the_import_page_reports_problems_and_then_imports(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(world.secretary)
    bad = SimpleUploadedFile("名单.xlsx", _book([*GOOD[:3], "123", *GOOD[4:]]))
    response = client.post("/households/import/", {"community": world.xincheng.pk, "file": bad})
    assert response.status_code == 400 and "身份证号无效" in response.content.decode() and not Household.objects.exists()

    good = SimpleUploadedFile("名单.xlsx", _book(GOOD))
    response = client.post("/households/import/", {"community": world.xincheng.pk, "file": good})
    assert response.status_code == 302 and Household.objects.get().head_name == "王秀英"
    assert client_for(world.rider).get("/households/import/").status_code == 403

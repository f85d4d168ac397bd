import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from qingzhuang.org.imports import ImportReport, Plan, workbook_read

pytestmark = pytest.mark.django_db


def test_the_template_downloads_with_three_sheets_notes_and_drop_downs(world, client_for):
    response = client_for(world.street_officer).get("/org/import/template.xlsx")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["单位", "人员", "社区概况", "说明"]
    assert [c.value for c in book["社区概况"][2]][:6][3:] == [3046, 8895, 11]
    assert book["单位"]["A2"].value == "新渭路社区"
    lists = [dv.formula1 for dv in book["单位"].data_validations.dataValidation]
    assert '"党委政府办公室,部门,乡镇街道,社区,村"' in lists
    notes = " ".join(str(c.value) for row in book["说明"].iter_rows() for c in row if c.value)
    assert "身份证号" in notes and "统计用区划代码" in notes


def test_the_templates_headers_and_example_rows_parse_back_through_the_importer(world, client_for):
    content = client_for(world.reviewer).get("/org/import/template.xlsx").content
    report = ImportReport()

    sheets = workbook_read(io.BytesIO(content), report)
    plan = Plan(actor=world.reviewer, report=report)
    plan.parse(sheets)

    assert report.problems == []
    assert report.rows == {"单位": 1, "人员": 1, "社区概况": 1}
    assert (plan.units[0].name, plan.units[0].kind) == ("新渭路社区", "community")
    assert (plan.profiles[0].households, plan.profiles[0].residents, plan.profiles[0].staff) == (3046, 8895, 11)


def test_the_template_command_writes_the_same_workbook(tmp_path):
    out = tmp_path / "模板.xlsx"
    call_command("org_import_template", str(out), stdout=io.StringIO())

    assert load_workbook(out).sheetnames == ["单位", "人员", "社区概况", "说明"]

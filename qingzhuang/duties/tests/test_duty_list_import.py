"""Duty lists from .xlsx: a good file proposes one adjustment per unit; a bad one is rejected whole with a
cell-level report (a bad cell, a zip bomb, a 100,001-row sheet, a text file named .xlsx) and nothing is written."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from qingzhuang.duties.imports import import_duty_lists
from qingzhuang.duties.models import DutyAdjustment, DutyItem, DutyList
from qingzhuang.duties.testing import huge_sheet, workbook
from tests import bombs

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DAY = dt.date(2026, 12, 1)


def state():
    return DutyAdjustment.objects.count(), DutyList.objects.count(), DutyItem.objects.count()


def run(world, data, actor=None):
    return import_duty_lists(actor=actor or world.reviewer, source=io.BytesIO(data), filename="清单.xlsx", effective_from=DAY, reason="年度调整")


def test_a_good_file_proposes_one_whole_list_per_unit(world):
    data = workbook([
        ["新城社区", "基本履职事项", "组织居民开展自治活动", None, "《城市居民委员会组织法》"],
        ["新城社区", "配合履职", "协助开展城乡居民养老保险参保登记", "镇安县民政局", None],
        ["长发村", "基本", "组织村民议事", None, None],
        ["长发村", "上级部门收回事项", "校外培训机构安全巡查", "镇安县教育局", None],
    ])

    report = run(world, data)

    assert report.ok and report.created["adjustments"] == 2
    xincheng = DutyAdjustment.objects.get(unit=world.xincheng)
    assert [i["section"] for i in xincheng.items] == ["basic", "supporting"]
    assert xincheng.items[1]["department_id"] == world.civil_affairs.pk and not DutyList.objects.exists()


def test_bad_cells_are_reported_by_sheet_row_and_column_and_nothing_is_written(world):
    data = workbook([
        ["新城社区", "基本履职事项", "组织居民开展自治活动", None, None],
        ["新城社区", "主要职责", "事项甲", None, None],
        ["新城社区", "基本履职事项", None, None, None],
        ["幸福社区", "基本履职事项", "事项乙", None, None],
        ["新城社区", "配合履职事项", "事项丙", "镇安县不存在局", None],
        ["新城社区", "基本履职事项", "组织居民开展自治活动", None, None],
        ["草场坡社区", "基本履职事项", "事项丁", None, None],
        ["新城社区", "基本履职事项", "事" * 201, None, None],
    ])
    before = state()

    report = run(world, data)

    found = {(p.row, p.column.split(" ")[0]) for p in report.problems}
    assert not report.ok and state() == before
    assert {(3, "B"), (4, "C"), (5, "A"), (6, "D"), (7, "C"), (8, "A"), (9, "C")} <= found
    messages = " ".join(p.message for p in report.problems)
    assert "主要职责" in messages and "第 2 行" in messages and "幸福社区" in messages and "镇安县不存在局" in messages


def test_an_xlsx_bomb_is_refused_before_openpyxl_reads_it(world):
    before = state()

    with bombs.peak_memory() as peak:
        report = run(world, bombs.xlsx_bomb(300, lying=True))

    assert not report.ok and "解压后超过 50 MB" in report.problems[0].message
    assert state() == before and peak.growth_mb < 60


def test_a_sheet_of_100001_rows_is_refused_while_streaming(world):
    before = state()

    report = run(world, huge_sheet(100_001, unit=world.xincheng.name))

    assert not report.ok and report.problem_count == 1 and report.problems[0].row == 100_002
    assert "超过 100,000 行" in report.problems[0].message and state() == before


def test_a_text_file_named_xlsx_is_refused_at_the_upload(world, client_for):
    before = state()

    response = client_for(world.reviewer).post("/duties/import/", {
        "file": SimpleUploadedFile("清单.xlsx", "单位,类别,事项\n新城社区,基本,事项".encode(), XLSX),
        "effective_from": "2026-12-01", "reason": "年度调整",
    })

    assert response.status_code == 400 and "不是 Excel 工作簿" in response.content.decode()
    assert state() == before


def test_the_page_shows_the_cell_report_and_a_good_upload_lands_in_the_adjustments(world, client_for):
    client = client_for(world.reviewer)
    bad = workbook([["新城社区", "主要职责", "事项甲", None, None]])
    good = workbook([["新城社区", "基本履职事项", "组织居民开展自治活动", None, None]])

    refused = client.post("/duties/import/", {"file": SimpleUploadedFile("清单.xlsx", bad, XLSX), "effective_from": "2026-12-01", "reason": "调整"})
    accepted = client.post("/duties/import/", {"file": SimpleUploadedFile("清单.xlsx", good, XLSX), "effective_from": "2026-12-01", "reason": "调整"})

    assert refused.status_code == 400 and "主要职责" in refused.content.decode() and "B 类别" in refused.content.decode()
    assert accepted.status_code == 302 and DutyAdjustment.objects.count() == 1


def test_a_street_officer_cannot_import_into_a_village_of_another_town(world):
    report = run(world, workbook([["长发村", "基本履职事项", "组织村民议事", None, None]]), actor=world.street_officer)

    assert not report.ok and "长发村" in report.problems[0].message and not DutyAdjustment.objects.exists()

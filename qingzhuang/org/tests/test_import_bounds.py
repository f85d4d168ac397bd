"""Hostile workbooks: a zip bomb is refused at the upload, a sheet past the row limit while streaming;
a clear Chinese message, nothing written, memory flat."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from qingzhuang.jobs.models import Job
from qingzhuang.org.imports import import_workbook
from qingzhuang.org.models import Person
from qingzhuang.org.tests.test_import_bad_cell_changes_nothing import table_counts
from tests import bombs

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TECHNICAL = re.compile(r"Error|Exception|BadZip|zipfile|Traceback")
MEMORY_BOUND_MB = 60


@pytest.mark.parametrize("lying", [False, True], ids=["honest header", "lying header"])
def test_an_xlsx_bomb_is_refused_at_the_upload_with_no_job_and_memory_flat(world, client_for, settings, tmp_path, lying):
    settings.MEDIA_ROOT = tmp_path
    data = bombs.xlsx_bomb(300, lying=lying)  # shared strings inflating to 300 MB, in a file of a few hundred KB
    client = client_for(world.reviewer)
    before = table_counts()

    with bombs.peak_memory() as peak:
        response = client.post("/org/import/", {"file": SimpleUploadedFile("名单.xlsx", data, XLSX)})

    html = response.content.decode()
    assert response.status_code == 400
    assert "解压后超过 50 MB" in html and "重新保存" in html and not TECHNICAL.search(html.split('class="error', 1)[-1][:600])
    assert not Job.objects.exists() and table_counts() == before
    assert not (tmp_path / "jobs" / "uploads").exists() or not list((tmp_path / "jobs" / "uploads").iterdir())
    assert peak.growth_mb < MEMORY_BOUND_MB


def test_an_xlsx_bomb_given_to_the_import_directly_is_refused_before_openpyxl_reads_it(world):
    before = table_counts()

    with bombs.peak_memory() as peak:
        report = import_workbook(actor=world.reviewer, source=io.BytesIO(bombs.xlsx_bomb(300, lying=True)), filename="名单.xlsx")

    assert not report.ok and "解压后超过 50 MB" in report.problems[0].message
    assert table_counts() == before
    assert peak.growth_mb < MEMORY_BOUND_MB


def test_a_sheet_of_100001_people_is_refused_while_streaming_and_nothing_is_written(world):
    data = bombs.people_sheet(100_001, unit=world.xincheng.name)  # every row valid: only the count is wrong
    before = table_counts()

    with bombs.peak_memory() as peak:
        report = import_workbook(actor=world.reviewer, source=io.BytesIO(data), filename="名单.xlsx")

    assert not report.ok and report.problem_count == 1
    problem = report.problems[0]
    assert problem.sheet == "人员" and problem.row == 100_002  # the first row past the limit (row 1 is the header)
    assert "超过 100,000 行" in problem.message and "拆分" in problem.message
    assert table_counts() == before and not Person.objects.filter(name__startswith="居民").exists()
    assert peak.growth_mb < 200  # the rows read so far are held until the limit is passed


def test_the_row_limit_is_a_setting(world, settings):
    settings.QZ_IMPORT_MAX_ROWS = 10

    report = import_workbook(actor=world.reviewer, source=io.BytesIO(bombs.people_sheet(11, unit=world.xincheng.name)))

    assert not report.ok and "超过 10 行" in report.problems[0].message
    assert report.problems[0].row == 12


def test_a_sheet_at_the_row_limit_is_imported(world, settings):
    settings.QZ_IMPORT_MAX_ROWS = 10

    report = import_workbook(actor=world.reviewer, source=io.BytesIO(bombs.people_sheet(10, unit=world.xincheng.name)))

    assert report.ok, report.problems
    assert Person.objects.filter(name__startswith="居民").count() == 10

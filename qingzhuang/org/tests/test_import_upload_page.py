import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from qingzhuang.jobs.models import Job
from qingzhuang.org.models import Unit
from qingzhuang.org.tests.test_import_good_file import good_workbook

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_uploading_a_good_workbook_runs_a_job_and_shows_what_was_created(world, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(world.reviewer)

    response = client.post("/org/import/", {"file": SimpleUploadedFile("单位.xlsx", good_workbook(), XLSX)})

    job = Job.objects.get(kind="org.import")
    assert response.status_code == 302 and response["Location"] == f"/org/import/{job.pk}/"
    assert job.unit == world.office and job.result["ok"] and Unit.objects.filter(name="云盖社区").exists()
    page = client.get(response["Location"]).content.decode()
    assert "已导入" in page and "云盖社区" in page
    assert not list((tmp_path / "jobs" / "uploads").iterdir())  # the upload is not kept


def test_a_bad_workbook_report_lists_sheet_row_column_and_problem(world, client_for, settings, tmp_path):
    from openpyxl import load_workbook

    settings.MEDIA_ROOT = tmp_path
    book = load_workbook(io.BytesIO(good_workbook()))
    book["社区概况"]["D3"] = "很多"
    out = io.BytesIO()
    book.save(out)
    client = client_for(world.reviewer)

    response = client.post("/org/import/", {"file": SimpleUploadedFile("bad.xlsx", out.getvalue(), XLSX)}, follow=True)

    html = response.content.decode()
    assert "没有导入任何数据" in html
    assert "<td>社区概况</td>" in html and "D 户数" in html and "很多" in html
    assert not Unit.objects.filter(name="云盖社区").exists()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("名单.csv", "姓名,类别\n张三,干部\n".encode(), "不是 Excel 工作簿"),
        ("名单.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧版 Excel 文件"),
        ("名单.xlsx", b"this is not a zip file", "不是 Excel 工作簿"),
    ],
)
def test_a_file_that_is_not_xlsx_gets_a_clear_error_and_no_job(world, client_for, name, content, expected):
    response = client_for(world.reviewer).post("/org/import/", {"file": SimpleUploadedFile(name, content)})

    assert response.status_code == 400
    assert expected in response.content.decode()
    assert not Job.objects.exists()


def test_a_file_over_the_size_limit_is_refused(world, client_for, settings):
    settings.QZ_UPLOAD_MAX_BYTES = 1024
    response = client_for(world.reviewer).post("/org/import/", {"file": SimpleUploadedFile("big.xlsx", good_workbook(), XLSX)})

    assert response.status_code == 400 and "最多" in response.content.decode()
    assert not Job.objects.exists()


def test_another_users_import_report_is_not_shown_to_an_outsider(world, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client_for(world.reviewer).post("/org/import/", {"file": SimpleUploadedFile("a.xlsx", good_workbook(), XLSX)})
    job = Job.objects.get()

    assert client_for(world.outsider).get(f"/org/import/{job.pk}/").status_code == 403

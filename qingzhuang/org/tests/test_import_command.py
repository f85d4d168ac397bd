import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from qingzhuang.org.models import Unit
from qingzhuang.org.tests.test_import_bad_cell_changes_nothing import table_counts
from qingzhuang.org.tests.test_import_good_file import good_workbook

pytestmark = pytest.mark.django_db


def test_the_command_imports_a_good_file_printing_progress_and_a_summary(world, tmp_path):
    path = tmp_path / "good.xlsx"
    path.write_bytes(good_workbook())
    out = io.StringIO()

    call_command("org_import", str(path), "--as", "reviewer", stdout=out)

    text = out.getvalue()
    assert "已导入 4 个单位" in text
    assert "正在写入数据库" in text and "(100%)" in text
    assert Unit.objects.filter(name="云盖社区").exists()


def test_the_command_fails_with_the_report_and_changes_nothing_on_a_bad_file(world, tmp_path):
    book = load_workbook(io.BytesIO(good_workbook()))
    book["单位"]["B3"] = "局"
    path = tmp_path / "bad.xlsx"
    book.save(path)
    out = io.StringIO()
    before = table_counts()

    with pytest.raises(CommandError) as refused:
        call_command("org_import", str(path), "--as", "reviewer", stdout=out)

    assert refused.value.returncode == 1
    assert "未写入任何数据" in str(refused.value)
    assert "单位\t3\tB 类别\t" in out.getvalue()
    assert table_counts() == before


def test_the_command_dry_run_writes_nothing(world, tmp_path):
    path = tmp_path / "good.xlsx"
    path.write_bytes(good_workbook())
    before = table_counts()

    call_command("org_import", str(path), "--as", "reviewer", "--dry-run", stdout=io.StringIO())

    assert table_counts() == before


def test_the_command_refuses_a_file_that_is_not_xlsx(world, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("名称,类别\n")

    with pytest.raises(CommandError) as refused:
        call_command("org_import", str(path), "--as", "reviewer", stdout=io.StringIO())

    assert refused.value.returncode == 2 and "xlsx" in str(refused.value)

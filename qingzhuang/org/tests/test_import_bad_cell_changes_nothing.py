import io

import pytest
from django.apps import apps

from qingzhuang.org.imports import import_workbook, workbook_bytes
from qingzhuang.org.tests.test_import_good_file import PEOPLE_HEADER, PROFILE_HEADER, UNIT_HEADER, good_workbook

pytestmark = pytest.mark.django_db


def table_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_one_bad_cell_among_good_rows_changes_nothing_and_is_named_precisely(world):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(good_workbook()))
    book["人员"]["F2"] = "610125199001011234"  # a wrong check digit
    out = io.BytesIO()
    book.save(out)
    before = table_counts()

    report = import_workbook(actor=world.reviewer, source=io.BytesIO(out.getvalue()), filename="bad.xlsx")

    assert table_counts() == before
    assert not report.ok and report.problem_count == 1
    problem = report.problems[0]
    assert (problem.sheet, problem.row, problem.column) == ("人员", 2, "F 身份证号")
    assert "校验码" in problem.message


def test_a_refusal_while_writing_also_undoes_every_earlier_row(world, monkeypatch):
    """Even a problem only the services notice (a race with another user) leaves nothing behind."""
    from qingzhuang.org import services
    from qingzhuang.org.errors import OrgError

    def refuse(**kwargs):
        raise OrgError("profile_overlap", "时段重叠", "valid_to")

    monkeypatch.setattr(services, "profile_set", refuse)
    before = table_counts()

    report = import_workbook(actor=world.reviewer, source=io.BytesIO(good_workbook()))

    assert table_counts() == before
    assert [(p.sheet, p.message) for p in report.problems] == [("社区概况", "时段重叠")]


def test_every_problem_of_a_messy_file_is_listed_with_its_sheet_row_and_column(world):
    data = workbook_bytes({
        "单位": [
            UNIT_HEADER,
            ["新单位", "委员会", "611025", None, "镇安县委办公室", None, None],  # unknown kind
            ["另一单位", "部门", "999999", None, "镇安县委办公室", None, None],  # unknown region code
            ["孤儿社区", "社区", "611025001", None, "不存在的单位", None, None],  # unknown parent
            ["新城社区", "社区", "611025001001", None, "永乐街道办事处", None, None],  # already exists
            ["坏代码社区", "社区", "611025001", None, "永乐街道办事处", "坏代码社区", "61102500109"],  # 11 digits
        ],
        "人员": [
            PEOPLE_HEADER,
            [None, "干部", "镇安县民政局", None, None, None],  # name missing
            ["赵六", "干部", "镇安县民政局", None, "1234", None],  # phone shape
        ],
        "社区概况": [
            PROFILE_HEADER,
            ["镇安县民政局", "2024-01-01", None, 10, 20, 1],  # not a community
            ["长发村", "明年", None, 10, 20, 1],  # not a date
            ["长发村", "2025-01-01", None, 300, 200, 3],  # fewer residents than households
        ],
    })
    before = table_counts()

    report = import_workbook(actor=world.reviewer, source=io.BytesIO(data))

    assert table_counts() == before
    found = {(p.sheet, p.row, p.column) for p in report.problems}
    assert found >= {
        ("单位", 2, "B 类别"), ("单位", 3, "C 所在区划代码"), ("单位", 4, "E 上级单位"), ("单位", 5, "A 名称"), ("单位", 6, "G 新区划代码"),
        ("人员", 2, "A 姓名"), ("人员", 3, "E 手机号"),
        ("社区概况", 2, "A 单位"), ("社区概况", 3, "B 起始日期"), ("社区概况", 4, "E 人口"),
    }
    messages = " ".join(p.message for p in report.problems)
    assert "不是单位类别" in messages and "已有名为新城社区的单位" in messages

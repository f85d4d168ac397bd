"""The checks the import makes before writing, one rule per test, each naming the cell at fault."""

import io

import pytest

from qingzhuang.org.imports import import_workbook, workbook_bytes
from qingzhuang.org.models import Person
from qingzhuang.org.tests.test_import_bad_cell_changes_nothing import table_counts
from qingzhuang.org.tests.test_import_good_file import PEOPLE_HEADER, PROFILE_HEADER, UNIT_HEADER, with_check_digit

pytestmark = pytest.mark.django_db


def problems_of(actor, **sheets):
    names = {"units": "单位", "people": "人员", "profiles": "社区概况"}
    headers = {"units": UNIT_HEADER, "people": PEOPLE_HEADER, "profiles": PROFILE_HEADER}
    data = workbook_bytes({names[k]: [headers[k], *rows] for k, rows in sheets.items()})
    before = table_counts()
    report = import_workbook(actor=actor, source=io.BytesIO(data))
    assert table_counts() == before
    return [(p.sheet, p.row, p.column, p.message) for p in report.problems]


def test_units_that_are_each_others_parents_are_refused(world):
    found = problems_of(world.reviewer, units=[
        ["甲社区", "社区", "611025001", None, "乙社区", None, None],
        ["乙社区", "社区", "611025001", None, "甲社区", None, None],
    ])
    assert any(col == "E 上级单位" and "循环" in msg for _s, _r, col, msg in found)


def test_the_same_unit_twice_in_the_file_is_refused_on_the_second_row(world):
    found = problems_of(world.reviewer, units=[
        ["幸福社区", "社区", "611025001", None, "永乐街道办事处", None, None],
        ["幸福社区", "社区", "611025001", None, "永乐街道办事处", None, None],
    ])
    assert ("单位", 3, "A 名称") in [f[:3] for f in found]


def test_a_new_region_code_must_start_with_its_parents_code(world):
    found = problems_of(world.reviewer, units=[
        ["新社区", "社区", "611025001", None, "永乐街道办事处", "新社区", "611025106999"],
    ])
    assert len(found) == 1 and found[0][:3] == ("单位", 2, "G 新区划代码") and "611025001" in found[0][3]


def test_a_new_region_code_already_in_use_is_refused(world):
    found = problems_of(world.reviewer, units=[
        ["长发村委会", "村", "611025106", None, "西口回族镇人民政府", "长发二村", "611025106205"],
    ])
    assert found[0][:3] == ("单位", 2, "G 新区划代码") and "长发村" in found[0][3]


def test_a_unit_must_sit_below_its_parents_region(world):
    found = problems_of(world.reviewer, units=[["某某社区", "社区", "611025106205", None, "永乐街道办事处", None, None]])
    assert found[0][:3] == ("单位", 2, "E 上级单位")


def test_an_id_number_twice_in_the_file_or_already_recorded_is_refused(world):
    number = with_check_digit("61102519900101123")
    Person.objects.filter(pk=world.worker.person.pk).update(id_number=with_check_digit("61102519800101123"))
    found = problems_of(world.reviewer, people=[
        ["甲", "干部", "镇安县民政局", None, None, number],
        ["乙", "干部", "镇安县民政局", None, None, number],
        ["丙", "干部", "镇安县民政局", None, None, with_check_digit("61102519800101123")],
    ])
    assert [f[:3] for f in found] == [("人员", 3, "F 身份证号"), ("人员", 4, "F 身份证号")]


def test_an_id_number_typed_as_a_number_is_explained(world):
    found = problems_of(world.reviewer, people=[["甲", "干部", "镇安县民政局", None, None, 6.10125199001011e17]])
    assert "文本" in found[0][3]


def test_a_person_already_recorded_in_the_unit_is_not_added_again(world):
    found = problems_of(world.reviewer, people=[["clerk姓名", "干部", "镇安县民政局", None, None, None]])
    assert found[0][:3] == ("人员", 2, "A 姓名")


def test_a_profile_overlapping_a_recorded_later_one_is_refused(world):
    found = problems_of(world.reviewer, profiles=[["新城社区", "2023-01-01", None, 3000, 8800, 10]])
    assert found[0][:3] == ("社区概况", 2, "C 截止日期") and "2024-01-01" in found[0][3]


def test_profiles_overlapping_each_other_in_the_file_are_refused(world):
    found = problems_of(world.reviewer, profiles=[
        ["新城社区", "2025-01-01", "2025-12-31", 3000, 8800, 10],
        ["新城社区", "2025-06-01", None, 3000, 8800, 10],
    ])
    assert found[0][:3] == ("社区概况", 3, "B 起始日期")


def test_a_missing_required_column_is_named(world):
    data = workbook_bytes({"人员": [["姓名", "所属单位"], ["甲", "镇安县民政局"]]})
    before = table_counts()
    report = import_workbook(actor=world.reviewer, source=io.BytesIO(data))
    assert table_counts() == before
    assert [(p.sheet, p.row, p.message) for p in report.problems] == [("人员", 1, "第一行缺少“类别”列。")]

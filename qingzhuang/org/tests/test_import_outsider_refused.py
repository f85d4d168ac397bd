import io

import pytest

from qingzhuang.org.imports import import_workbook, workbook_bytes
from qingzhuang.org.tests.test_import_bad_cell_changes_nothing import table_counts
from qingzhuang.org.tests.test_import_good_file import PEOPLE_HEADER, PROFILE_HEADER, UNIT_HEADER, good_workbook

pytestmark = pytest.mark.django_db


def test_an_outsider_importing_into_another_county_is_refused_and_nothing_changes(world):
    before = table_counts()

    report = import_workbook(actor=world.outsider, source=io.BytesIO(good_workbook()))

    assert table_counts() == before
    outside = [p for p in report.problems if "不在您的管辖范围" in p.message or "超出您的权限范围" in p.message]
    assert {(p.sheet, p.column) for p in outside} >= {("单位", "E 上级单位"), ("社区概况", "A 单位")}


def test_a_street_officer_cannot_place_units_under_the_county_office(world):
    data = workbook_bytes({
        "单位": [UNIT_HEADER, ["镇安县文旅局", "部门", "611025", None, "镇安县委办公室", None, None]],
        "人员": [PEOPLE_HEADER],
        "社区概况": [PROFILE_HEADER],
    })
    before = table_counts()

    report = import_workbook(actor=world.street_officer, source=io.BytesIO(data))

    assert table_counts() == before
    assert [(p.row, p.column) for p in report.problems] == [(2, "E 上级单位")]


def test_a_community_secretary_may_not_import_at_all(world, client_for):
    client = client_for(world.secretary)
    before = table_counts()

    page = client.get("/org/import/")
    upload = client.post("/org/import/", {"file": io.BytesIO(good_workbook())})

    assert page.status_code == 403 and upload.status_code == 403
    assert table_counts() == before

import datetime as dt

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.org.imports import id_number_valid, import_workbook, workbook_bytes
from qingzhuang.org.models import CommunityProfile, Person, Region, RegionLevel, Unit
from qingzhuang.org.selectors import profile_on

pytestmark = pytest.mark.django_db

UNIT_HEADER = ["名称", "类别", "所在区划代码", "所在区划名称", "上级单位", "新区划名称", "新区划代码"]
PEOPLE_HEADER = ["姓名", "类别", "所属单位", "职务", "手机号", "身份证号"]
PROFILE_HEADER = ["单位", "起始日期", "截止日期", "户数", "人口", "工作人员"]


def with_check_digit(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    number = first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]
    assert id_number_valid(number)
    return number


def good_workbook() -> bytes:
    # Children come before their parents on purpose: the import resolves the order.
    return workbook_bytes({
        "单位": [
            UNIT_HEADER,
            ["云盖社区", "社区", None, "云盖寺镇", "云盖寺镇人民政府", "云盖社区", "611025107001"],
            ["镇安县应急管理局", "部门", "611025", None, "镇安县委办公室", None, None],
            ["云盖寺镇人民政府", "乡镇街道", "611025", None, "镇安县委办公室", "云盖寺镇", "611025107"],
            ["永乐社区", "社区", 611025001, None, "永乐街道办事处", "永乐社区", "611025001099"],
        ],
        "人员": [
            PEOPLE_HEADER,
            ["张晓燕", "社区工作者", "云盖社区", "党支部书记", "139 1234 5678", with_check_digit("61102519850304002")],
            ["李建军", "干部", "镇安县应急管理局", "科员", None, None],
        ],
        "社区概况": [
            PROFILE_HEADER,
            ["云盖社区", dt.date(2024, 1, 1), None, 1200, 3400, 6],  # saved as an Excel date cell
            ["永乐社区", "2024/1/1", None, "900", 2700, 5],
            ["新城社区", "2025-01-01", None, 3100, 9000, 12],
        ],
    })


def test_a_good_workbook_creates_regions_units_people_and_profiles_with_audit_events(world, tmp_path):
    path = tmp_path / "good.xlsx"
    path.write_bytes(good_workbook())
    events_before = Event.objects.filter(actor=world.reviewer).count()

    report = import_workbook(actor=world.reviewer, source=path, filename="good.xlsx")

    assert report.ok, report.problems
    assert report.created == {"regions": 3, "units": 4, "people": 2, "profiles": 3}
    town = Region.objects.get(code="611025107")
    assert (town.name, town.level, town.parent) == ("云盖寺镇", RegionLevel.TOWN, world.zhenan)
    village = Region.objects.get(code="611025107001")
    assert (village.level, village.parent) == (RegionLevel.VILLAGE, town)
    yungai = Unit.objects.get(name="云盖社区")
    assert yungai.region == village and yungai.county == world.zhenan
    assert yungai.parent is not None and yungai.parent.name == "云盖寺镇人民政府"
    assert yungai.path.startswith(world.office.path)
    person = Person.objects.get(name="张晓燕")
    assert (person.unit, person.phone, person.kind) == (yungai, "13912345678", "community_worker")
    current = profile_on(yungai, dt.date(2024, 6, 1))
    assert current is not None and current.households == 1200
    # The new profile of 新城社区 closes the one recorded since 2024.
    assert CommunityProfile.objects.get(unit=world.xincheng, valid_from=dt.date(2024, 1, 1)).valid_to == dt.date(2024, 12, 31)
    latest = profile_on(world.xincheng, dt.date(2025, 3, 1))
    assert latest is not None and latest.residents == 9000
    events = Event.objects.filter(actor=world.reviewer)
    assert events.count() - events_before == 3 + 4 + 2 + 3 + 1
    assert events.filter(model="org.unit", object_repr="云盖社区", action="create").exists()


def test_a_dry_run_checks_everything_and_writes_nothing(world):
    import io

    before = (Region.objects.count(), Unit.objects.count(), Person.objects.count(), CommunityProfile.objects.count(), Event.objects.count())

    report = import_workbook(actor=world.reviewer, source=io.BytesIO(good_workbook()), dry_run=True)

    assert report.ok and report.created["units"] == 4
    assert (Region.objects.count(), Unit.objects.count(), Person.objects.count(), CommunityProfile.objects.count(), Event.objects.count()) == before


def test_english_headers_and_sheet_names_are_accepted(world):
    import io

    data = workbook_bytes({
        "Units": [["Name", "Kind", "Region code", "Region name", "Parent unit", "New region name", "New region code"],
                  ["镇安县水利局", "department", "611025", None, "镇安县委办公室", None, None]],
        "People": [["Name", "Kind", "Unit", "Position", "Mobile", "ID number"], ["王强", "Cadre", "镇安县水利局", None, None, None]],
    })

    report = import_workbook(actor=world.reviewer, source=io.BytesIO(data))

    assert report.ok, report.problems
    assert Person.objects.get(name="王强").unit.name == "镇安县水利局"

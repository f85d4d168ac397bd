"""Shared personas for tests (as healthchecks' hc/test.py): a small slice of the demo world.

镇安县 (611025) is home: its office reviewer, a department clerk and leader, the street officer of
永乐街道 with its 新城社区 and a worker there, the secretary of 长发村 (西口回族镇), a rider of
新城社区. 碑林区 (610103) is the outsider's county.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qingzhuang.org import services
from qingzhuang.org.models import PersonKind, Region, Role, Unit, UnitKind, User

WORLD_REGION_CODES = {
    "610000", "611000", "611025", "611025001", "611025001001", "611025106", "611025106205",
    "610100", "610103", "610103007", "610103007009",
}
PASSWORD = "Test-pass-2026"


@dataclass
class World:
    zhenan: Region
    beilin: Region
    office: Unit
    civil_affairs: Unit
    education: Unit
    yongle: Unit
    xincheng: Unit
    xikou: Unit
    changfa: Unit
    beilin_office: Unit
    changanlu: Unit
    caochangpo: Unit
    reviewer: User
    clerk: User
    leader: User
    street_officer: User
    secretary: User
    worker: User
    rider: User
    outsider: User
    admin: User


def _user(username: str, unit: Unit, role: str, *, below: bool = False, kind: str = PersonKind.CADRE) -> User:
    person = services.person_create(actor=None, name=f"{username}姓名", kind=kind, unit=unit, phone="13912345678", id_number="610125199001011234")
    user = services.user_create(actor=None, username=username, password=PASSWORD, person=person)
    services.role_assign(actor=None, user=user, role=role, unit=unit, include_below=below)
    return User.objects.get(pk=user.pk)


def build_world() -> World:
    services.regions_load(only=WORLD_REGION_CODES)
    services.regions_load(path=services.DATA_DIR / "demo_subdivisions.csv", only=WORLD_REGION_CODES)
    r = {reg.code: reg for reg in Region.objects.filter(code__in=WORLD_REGION_CODES)}
    office = services.unit_create(actor=None, name="镇安县委办公室", kind=UnitKind.PARTY_GOV_OFFICE, region=r["611025"])
    civil = services.unit_create(actor=None, name="镇安县民政局", kind=UnitKind.DEPARTMENT, region=r["611025"], parent=office)
    edu = services.unit_create(actor=None, name="镇安县教育局", kind=UnitKind.DEPARTMENT, region=r["611025"], parent=office)
    yongle = services.unit_create(actor=None, name="永乐街道办事处", kind=UnitKind.TOWN_OFFICE, region=r["611025001"], parent=office)
    xincheng = services.unit_create(actor=None, name="新城社区", kind=UnitKind.COMMUNITY, region=r["611025001001"], parent=yongle)
    xikou = services.unit_create(actor=None, name="西口回族镇人民政府", kind=UnitKind.TOWN_OFFICE, region=r["611025106"], parent=office)
    changfa = services.unit_create(actor=None, name="长发村", kind=UnitKind.VILLAGE, region=r["611025106205"], parent=xikou)
    b_office = services.unit_create(actor=None, name="碑林区委办公室", kind=UnitKind.PARTY_GOV_OFFICE, region=r["610103"])
    changanlu = services.unit_create(actor=None, name="长安路街道办事处", kind=UnitKind.TOWN_OFFICE, region=r["610103007"], parent=b_office)
    caochangpo = services.unit_create(actor=None, name="草场坡社区", kind=UnitKind.COMMUNITY, region=r["610103007009"], parent=changanlu)
    for unit in (xincheng, changfa, caochangpo):
        services.profile_set(actor=None, unit=unit, valid_from=dt.date(2024, 1, 1), households=3046, residents=8895, staff=11)
    admin = services.user_create(actor=None, username="admin", password=PASSWORD)
    admin.is_superuser = admin.is_staff = True
    admin.save()
    return World(
        zhenan=r["611025"],
        beilin=r["610103"],
        office=office,
        civil_affairs=civil,
        education=edu,
        yongle=yongle,
        xincheng=xincheng,
        xikou=xikou,
        changfa=changfa,
        beilin_office=b_office,
        changanlu=changanlu,
        caochangpo=caochangpo,
        reviewer=_user("reviewer", office, Role.COUNTY_REVIEWER, below=True),
        clerk=_user("clerk", civil, Role.DEPARTMENT_CLERK),
        leader=_user("leader", civil, Role.DEPARTMENT_LEADER),
        street_officer=_user("street_officer", yongle, Role.STREET_OFFICER, below=True),
        secretary=_user("secretary", xincheng, Role.COMMUNITY_SECRETARY, kind=PersonKind.COMMUNITY_WORKER),
        worker=_user("worker", xincheng, Role.COMMUNITY_WORKER, kind=PersonKind.COMMUNITY_WORKER),
        rider=_user("rider", xincheng, Role.RIDER, kind=PersonKind.RIDER),
        outsider=_user("outsider", b_office, Role.COUNTY_REVIEWER, below=True),
        admin=admin,
    )


@dataclass
class Weibin:
    county: Region
    office: Unit
    civil_affairs: Unit
    streets: dict[str, Unit]
    grassroots: dict[str, Unit]
    clerk: User


WEIBIN_TOWNS = ("610302001", "610302002", "610302100")


def build_weibin() -> Weibin:
    """渭滨区 (610302) with three of its streets/towns, each with its communities or villages from the demo
    list (新渭路社区 in 经二路街道), and a clerk of its civil affairs bureau: a picker-sized county."""
    import csv

    with open(services.DATA_DIR / "demo_subdivisions.csv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["code"] in WEIBIN_TOWNS or r["parent_code"] in WEIBIN_TOWNS]
    services.regions_load(only={"610000", "610300", "610302"})
    services.regions_load(path=services.DATA_DIR / "demo_subdivisions.csv", only={r["code"] for r in rows})
    regions = {r.code: r for r in Region.objects.filter(code__startswith="610302")}
    office = services.unit_create(actor=None, name="渭滨区委办公室", kind=UnitKind.PARTY_GOV_OFFICE, region=regions["610302"])
    civil = services.unit_create(actor=None, name="渭滨区民政局", kind=UnitKind.DEPARTMENT, region=regions["610302"], parent=office)
    streets: dict[str, Unit] = {}
    grassroots: dict[str, Unit] = {}
    for code in WEIBIN_TOWNS:
        region = regions[code]
        suffix = "办事处" if region.name.endswith("街道") else "人民政府"
        streets[region.name] = services.unit_create(
            actor=None, name=region.name + suffix, kind=UnitKind.TOWN_OFFICE, region=region, parent=office
        )
    for row in rows:
        if row["code"] in WEIBIN_TOWNS:
            continue
        parent = streets[regions[row["parent_code"]].name]
        kind = UnitKind.COMMUNITY if row["name"].endswith("社区") else UnitKind.VILLAGE
        grassroots[row["name"]] = services.unit_create(
            actor=None, name=row["name"], kind=kind, region=regions[row["code"]], parent=parent
        )
    clerk = _user("weibin_clerk", civil, Role.DEPARTMENT_CLERK)
    return Weibin(county=regions["610302"], office=office, civil_affairs=civil, streets=streets, grassroots=grassroots, clerk=clerk)

"""Demo data for the organisation: the three places of the article, with their real codes.

Other components extend the demo through their own ``demo`` hook and find what they need here
through the DemoContext (units by name, users by role).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from qingzhuang.org import services
from qingzhuang.org.models import PersonKind, Region, RegionLevel, Role, Unit, UnitKind, User

DEMO_PASSWORD = "Qz-demo-2026"
DEMO_COUNTIES = {"611025": "镇安县", "610103": "碑林区", "610302": "渭滨区"}
DEPARTMENTS = [
    "民政局", "教育局", "卫生健康局", "住房和城乡建设局", "应急管理局",
    "农业农村局", "市场监督管理局", "自然资源局", "水利局", "人力资源和社会保障局",
]
# One demo user per role: (username, role, unit name, include_below, person name, person kind).
DEMO_USERS = [
    ("admin", Role.SYSTEM_ADMIN, "镇安县委办公室", True, "系统管理员", PersonKind.CADRE),
    ("zhenan_reviewer", Role.COUNTY_REVIEWER, "镇安县委办公室", True, "王建国", PersonKind.CADRE),
    ("zhenan_clerk", Role.DEPARTMENT_CLERK, "镇安县民政局", False, "李秀梅", PersonKind.CADRE),
    ("zhenan_leader", Role.DEPARTMENT_LEADER, "镇安县民政局", False, "张志强", PersonKind.CADRE),
    ("yongle_officer", Role.STREET_OFFICER, "永乐街道办事处", True, "刘芳", PersonKind.CADRE),
    ("changfa_secretary", Role.COMMUNITY_SECRETARY, "长发村", False, "陈德明", PersonKind.COMMUNITY_WORKER),
    ("beilin_reviewer", Role.COUNTY_REVIEWER, "碑林区委办公室", True, "赵丽华", PersonKind.CADRE),
    ("caochangpo_secretary", Role.COMMUNITY_SECRETARY, "草场坡社区", False, "孙静", PersonKind.COMMUNITY_WORKER),
    ("weibin_reviewer", Role.COUNTY_REVIEWER, "渭滨区委办公室", True, "周涛", PersonKind.CADRE),
    ("xinweilu_secretary", Role.COMMUNITY_SECRETARY, "新渭路社区", False, "吴晓燕", PersonKind.COMMUNITY_WORKER),
    ("xinweilu_worker", Role.COMMUNITY_WORKER, "新渭路社区", False, "郑磊", PersonKind.COMMUNITY_WORKER),
    ("xinweilu_rider", Role.RIDER, "新渭路社区", False, "马骏", PersonKind.RIDER),
    ("xinweilu_volunteer", Role.VOLUNTEER, "新渭路社区", False, "黄丽", PersonKind.VOLUNTEER),
]
# The article's community: 3,046 households, 8,895 residents, 11 staff.
XINWEILU_PROFILE = {"households": 3046, "residents": 8895, "staff": 11}


@dataclass
class DemoContext:
    rng: random.Random = field(default_factory=lambda: random.Random(2026))
    units: dict[str, Unit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    counties: dict[str, Region] = field(default_factory=dict)
    log: Any = None

    def unit(self, name: str) -> Unit:
        if name not in self.units:
            self.units[name] = Unit.objects.get(name=name)
        return self.units[name]

    def say(self, message: str) -> None:
        if self.log is not None:
            self.log(message)


def office_name(region: Region) -> str:
    if region.name.endswith("街道"):
        return f"{region.name}办事处"
    return f"{region.name}人民政府"


def seed(ctx: DemoContext) -> None:
    services.regions_load()
    services.regions_load(path=services.DATA_DIR / "demo_subdivisions.csv")
    for code in DEMO_COUNTIES:
        county = Region.objects.get(code=code)
        ctx.counties[code] = county
        _seed_county(ctx, county)
    _seed_users(ctx)
    _seed_recipient_groups(ctx)
    ctx.say(f"org: {Unit.objects.count()} units, {len(ctx.users)} demo users")


def _seed_county(ctx: DemoContext, county: Region) -> None:
    office = services.unit_create(actor=None, name=f"{county.name}委办公室", kind=UnitKind.PARTY_GOV_OFFICE, region=county)
    ctx.units[office.name] = office
    for dept in DEPARTMENTS:
        unit = services.unit_create(actor=None, name=f"{county.name}{dept}", kind=UnitKind.DEPARTMENT, region=county, parent=office)
        ctx.units[unit.name] = unit
    towns = Region.objects.filter(parent=county, level=RegionLevel.TOWN).order_by("code")
    for town in towns:
        town_office = services.unit_create(actor=None, name=office_name(town), kind=UnitKind.TOWN_OFFICE, region=town, parent=office)
        ctx.units[town_office.name] = town_office
        for place in Region.objects.filter(parent=town).order_by("code"):
            kind = UnitKind.COMMUNITY if place.name.endswith("社区") else UnitKind.VILLAGE
            unit = services.unit_create(actor=None, name=place.name, kind=kind, region=place, parent=town_office)
            ctx.units.setdefault(unit.name, unit)
            _seed_profile(ctx, unit)


def _seed_profile(ctx: DemoContext, unit: Unit) -> None:
    rng = ctx.rng
    now: dict[str, int]
    before: dict[str, int]
    if unit.name == "新渭路社区":
        now = XINWEILU_PROFILE
        before = {"households": 2988, "residents": 8760, "staff": 10}
    elif unit.kind == UnitKind.COMMUNITY:
        households = rng.randrange(900, 4200)
        now = {"households": households, "residents": int(households * rng.uniform(2.5, 3.1)), "staff": rng.randrange(6, 16)}
        before = {**now, "households": households - rng.randrange(0, 60)}
    else:
        households = rng.randrange(180, 950)
        now = {"households": households, "residents": int(households * rng.uniform(2.8, 3.6)), "staff": rng.randrange(3, 8)}
        before = dict(now)
    for start, size in ((dt.date(2023, 1, 1), before), (dt.date(2024, 1, 1), now)):
        services.profile_set(
            actor=None, unit=unit, valid_from=start, households=size["households"], residents=size["residents"], staff=size["staff"]
        )


def _seed_users(ctx: DemoContext) -> None:
    for username, role, unit_name, below, person_name, kind in DEMO_USERS:
        unit = ctx.unit(unit_name)
        phone = f"139{ctx.rng.randrange(10**7, 10**8)}"
        person = services.person_create(actor=None, name=person_name, kind=kind, unit=unit, phone=phone, position=str(Role(role).label))
        user = services.user_create(actor=None, username=username, password=DEMO_PASSWORD, person=person)
        if role == Role.SYSTEM_ADMIN:
            user.is_superuser = True
            user.is_staff = True
            user.save(update_fields=["is_superuser", "is_staff"])
        elif role == Role.COUNTY_REVIEWER:
            # County reviewers use the back office, restricted to their county.
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        services.role_assign(actor=None, user=user, role=role, unit=unit, include_below=below)
        ctx.users[username] = user


# Saved recipient groups a county office would keep: the county seat's communities, shared by the unit's staff.
DEMO_GROUPS = [
    ("镇安县民政局", "城区社区", ("永乐街道办事处",)),
    ("渭滨区委办公室", "城区社区", ("金陵街道办事处", "经二路街道办事处")),
]


def _seed_recipient_groups(ctx: DemoContext) -> None:
    for owner, name, streets in DEMO_GROUPS:
        members = Unit.objects.filter(parent__name__in=streets, kind=UnitKind.COMMUNITY, is_active=True)
        if members.exists():
            services.recipient_group_create(actor=None, owner=ctx.unit(owner), name=name, members=list(members))

"""Demo meetings for 镇安县 (611025), and closed meetings for the two other demo counties.

Raw closed meetings for 2023 (150) and 2024 (127, plus two follow-on meetings held right after an
upper-level video meeting, which the figures merge): the figures page computes −15.3% from them.
2024's meetings all keep within one hour and record decisions; 2023 has overruns and meetings
without decisions. This year: plans, quotas (民政局 near its limit), meetings filed and held, and
two meetings awaiting the county reviewer: one too long, one repeating a matter decided two weeks
before. History is bulk-loaded as raw records (no gate, no audit: they predate the system); this
year's meetings go through the services like real ones.

渭滨区 and 碑林区 get closed meetings only (2023 to the last full week of this year, fewer each year),
each attended by the county's featured community (新渭路社区, 草场坡社区) so that its ledger has
meeting figures too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from qingzhuang.gate.services import quota_set
from qingzhuang.ledger.services import ledger_add_many
from qingzhuang.meetings import ledger, services
from qingzhuang.meetings.models import Decision, Meeting, MeetingFormat, MeetingKind, MeetingStatus, Speech
from qingzhuang.org.demo import DEPARTMENTS
from qingzhuang.org.models import Unit, UnitKind

TZ = ZoneInfo("Asia/Shanghai")
COUNTY = "611025"
FIELDS = {
    "民政局": "民政", "教育局": "教育", "卫生健康局": "卫生健康", "住房和城乡建设局": "住房和城乡建设", "应急管理局": "应急管理",
    "农业农村局": "农业农村", "市场监督管理局": "市场监管", "自然资源局": "自然资源", "水利局": "水利", "人力资源和社会保障局": "人力资源和社会保障",
}
TOPICS = [
    "{f}重点工作调度会", "{f}领域安全生产专题会", "{f}政策业务培训会", "{f}季度工作例会", "{f}领域风险隐患排查部署会",
    "{f}项目建设推进会", "{f}系统作风建设专题会", "{f}信访维稳工作会", "{f}数据统计工作布置会", "{f}服务群众满意度提升座谈会",
    "{f}领域专项整治推进会", "{f}年度目标任务分解会", "{f}工作半年总结会",
]
COUNTS = {2023: 150, 2024: 127}
OVERRUNS_2023 = 9
WITHOUT_DECISIONS_2023 = 21
# The two other demo counties: meetings held per year (this year's up to the week before today).
OTHER_COUNTIES = {"610302": {2023: 58, 2024: 50, 2025: 45, 2026: 37}, "610103": {2023: 66, 2024: 57, 2025: 52, 2026: 43}}
FEATURED = {"610302": "新渭路社区", "610103": "草场坡社区"}


def seed(ctx: Any) -> None:
    county = ctx.counties.get(COUNTY)
    if county is None:
        return
    departments = [ctx.unit(f"{county.name}{d}") for d in DEPARTMENTS]
    towns = list(Unit.objects.filter(county=county, kind=UnitKind.TOWN_OFFICE).order_by("path"))
    villages = list(Unit.objects.filter(county=county, kind__in=[UnitKind.COMMUNITY, UnitKind.VILLAGE]).order_by("path"))
    for year, count in COUNTS.items():
        _history(ctx, county.name, year, count, departments, towns, villages)
    _follow_ons_2024(ctx, departments[0], towns)
    last_history_day = timezone.localdate() - dt.timedelta(days=7)
    for code, counts in OTHER_COUNTIES.items():
        _other_county(ctx, code, counts, until=last_history_day)
    # History is raw records: its ledger rows are computed once, for every county, here.
    for measure, compute in (
        (ledger.ATTENDED, ledger.compute_attended),
        (ledger.HOURS, ledger.compute_hours),
        (ledger.OVER_AN_HOUR, ledger.compute_over_an_hour),
    ):
        ledger_add_many(measure=measure, rows=compute(dt.date(2023, 1, 1), last_history_day + dt.timedelta(days=1)))
    _this_year(ctx, county, departments, towns, villages)
    ctx.say(f"meetings: {Meeting.objects.count()} meetings (镇安县 2023/2024 history, this year's plans and reviews; 渭滨区 and 碑林区 history)")


def _workdays(year: int, n: int, until: dt.date | None = None) -> list[dt.date]:
    days = [dt.date(year, 1, 3) + dt.timedelta(days=i) for i in range(360)]
    days = [d for d in days if d.weekday() < 5 and d.year == year and (until is None or d <= until)]
    step = len(days) / n
    return [days[int(i * step)] for i in range(n)]


def _other_county(ctx: Any, code: str, counts: dict[int, int], *, until: dt.date) -> None:
    county = ctx.counties.get(code)
    if county is None:
        return
    departments = [ctx.unit(f"{county.name}{d}") for d in DEPARTMENTS]
    towns = list(Unit.objects.filter(county=county, kind=UnitKind.TOWN_OFFICE).order_by("path"))
    villages = list(Unit.objects.filter(county=county, kind__in=[UnitKind.COMMUNITY, UnitKind.VILLAGE]).order_by("path"))
    featured = next((v for v in villages if v.name == FEATURED[code]), None)
    for year, count in counts.items():
        if year <= until.year:
            _history(ctx, county.name, year, count, departments, towns, villages, featured=featured, until=until)


def _history(
    ctx: Any, county_name: str, year: int, count: int, departments: list[Unit], towns: list[Unit], villages: list[Unit],
    *, featured: Unit | None = None, until: dt.date | None = None,
) -> None:
    rng = ctx.rng
    meetings = []
    for i, day in enumerate(_workdays(year, count, until)):
        dept = departments[i % len(departments)]
        field = FIELDS[dept.name.removeprefix(county_name)]
        comprehensive = i < len(departments)  # one comprehensive work meeting per field and year
        topic = f"{year}年全{county_name[-1]}{field}工作会议" if comprehensive else TOPICS[(i // len(departments)) % len(TOPICS)].format(f=field)
        start = dt.datetime.combine(day, dt.time(9, 0) if i % 2 else dt.time(14, 30), tzinfo=TZ)
        if year == 2023:
            planned = 60 if comprehensive else rng.choice([45, 60, 60, 60])
            overrun = i % (count // OVERRUNS_2023) == 3 and i // (count // OVERRUNS_2023) < OVERRUNS_2023
            actual = planned + rng.choice([15, 25, 40]) if overrun else planned - rng.choice([0, 5, 10])
            fmt = rng.choice([MeetingFormat.IN_PERSON, MeetingFormat.IN_PERSON, MeetingFormat.VIDEO])
        else:
            planned = rng.choice([40, 45, 50, 60])
            actual = planned - rng.choice([0, 5, 10])
            fmt = rng.choice([MeetingFormat.VIDEO, MeetingFormat.VIDEO, MeetingFormat.TELECONFERENCE, MeetingFormat.IN_PERSON])
        meetings.append(
            Meeting(
                organiser=dept, topic=topic, field=field, kind=MeetingKind.COMPREHENSIVE if comprehensive else MeetingKind.SPECIAL,
                format=fmt, starts_at=start, planned_minutes=planned, principals_required=i % 3 == 0, principals_count=1,
                status=MeetingStatus.CLOSED, actual_start=start, actual_minutes=actual, held_on=day, closed_at=start + dt.timedelta(days=1),
                decided_at=start - dt.timedelta(days=10), created=start - dt.timedelta(days=14), sequence=3,
            )
        )
    Meeting.objects.bulk_create(meetings)
    _details(ctx, county_name, year, meetings, towns, villages, featured=featured)


def _details(ctx: Any, county_name: str, year: int, meetings: list[Meeting], towns: list[Unit], villages: list[Unit], *, featured: Unit | None = None) -> None:
    rng = ctx.rng
    through = Meeting.attendees.through
    links, speeches, decisions = [], [], []
    for i, m in enumerate(meetings):
        # Eight grassroots units per meeting, as for the demo's documents: then the meetings the
        # grassroots attended change year on year exactly as the meetings held do.
        others = [v for v in villages if v != featured]
        summoned = rng.sample(towns, min(len(towns), 5)) + ([featured] if featured else []) + rng.sample(others, min(len(others), 3 - bool(featured)))
        links += [through(meeting_id=m.pk, unit_id=u.pk) for u in summoned]
        main = min(m.planned_minutes // 2, 60) if year == 2024 else (m.planned_minutes * 2) // 3
        speeches += [
            Speech(meeting=m, speaker="分管副县长", minutes=main, is_main=True, order=0),
            Speech(meeting=m, speaker=f"{m.organiser.name.removeprefix(county_name)}局长", minutes=max(5, m.planned_minutes // 4), order=1),
        ]
        undecided = year == 2023 and i % 7 == 2 and i // 7 < WITHOUT_DECISIONS_2023
        if not undecided:
            for k in range(rng.randrange(1, 4)):
                decisions.append(
                    Decision(
                        meeting=m, text=f"{m.topic.removesuffix('会')}事项{k + 1}：明确责任分工，限期落实", owner_unit=m.organiser,
                        owner_person="分管负责人", due=m.held_on + dt.timedelta(days=30) if m.held_on else None, created=m.starts_at,
                    )
                )
    through.objects.bulk_create(links)
    Speech.objects.bulk_create(speeches)
    Decision.objects.bulk_create(decisions)


def _follow_ons_2024(ctx: Any, dept: Unit, towns: list[Unit]) -> None:
    """Two meetings held right after the province's video meetings (套开): merged, not counted on their own."""
    for day, upper in ((dt.date(2024, 3, 12), "全省民政工作视频会议"), (dt.date(2024, 7, 9), "全市防汛救灾视频调度会")):
        start = dt.datetime.combine(day, dt.time(11, 0), tzinfo=TZ)
        m = Meeting.objects.create(
            organiser=dept, topic=f"贯彻落实{upper}精神部署会", field="民政", kind=MeetingKind.SPECIAL, format=MeetingFormat.VIDEO,
            starts_at=start, planned_minutes=20, follows_upper=upper, status=MeetingStatus.CLOSED, actual_start=start, actual_minutes=20,
            held_on=day, closed_at=start, created=start,
        )
        m.attendees.set(towns[:4])
        Decision.objects.create(meeting=m, text="当即部署，各镇（街道）按会议要求抓好落实", owner_unit=dept, due=day + dt.timedelta(days=14))


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


def _this_year(ctx: Any, county: Any, departments: list[Unit], towns: list[Unit], villages: list[Unit]) -> None:
    today = timezone.localdate()
    civil = ctx.unit(f"{county.name}民政局")
    for year in {today.year, (today + dt.timedelta(days=14)).year}:
        for dept in departments:
            quota_set(actor=None, unit=dept, year=year, kind="meeting", limit=12 if dept == civil else 15)
    plan = services.plan_create(actor=None, unit=civil, year=today.year, note="全年会议计划，按季度调度。")
    lines = [
        services.plan_line_add(actor=None, plan=plan, topic=topic, field="民政", kind=kind, month=month)
        for topic, kind, month in (
            (f"{today.year}年全县民政工作会议", MeetingKind.COMPREHENSIVE, 2),
            ("城乡低保专项治理工作推进会", MeetingKind.SPECIAL, 4),
            ("养老服务体系建设推进会", MeetingKind.SPECIAL, 6),
            ("社会救助政策业务培训会", MeetingKind.SPECIAL, 8),
            ("民政领域安全生产专题会", MeetingKind.SPECIAL, 10),
        )
    ]
    summoned = towns[:6] + villages[:4]
    # Meetings already held this year: filed from the plan, or approved, then closed with decisions.
    held = [
        (f"{today.year}年全县民政工作会议", MeetingKind.COMPREHENSIVE, lines[0], 60, 55),
        ("社会救助政策业务培训会", MeetingKind.SPECIAL, lines[3], 45, 45),
        ("民政领域安全生产专题会", MeetingKind.SPECIAL, lines[4], 40, 35),
        ("婚姻登记窗口服务提升专题会", MeetingKind.SPECIAL, None, 30, 30),
        ("殡葬领域突出问题整治推进会", MeetingKind.SPECIAL, None, 45, 50),
        ("困难群众冬季救助部署会", MeetingKind.SPECIAL, None, 30, 30),
        ("儿童福利工作季度例会", MeetingKind.ROUTINE, None, 40, 40),
        ("社会组织年检工作布置会", MeetingKind.SPECIAL, None, 30, 25),
    ]
    for i, (topic, kind, line, planned, actual) in enumerate(held):
        day = today - dt.timedelta(days=300 - i * 35)
        if day.year != today.year:
            day = dt.date(today.year, 1, 5) + dt.timedelta(days=i * 7)
        _held(civil, topic, kind, line, _at(day, 9), planned, actual, summoned, decided=i != 5)
    # The matter decided two weeks ago: 城乡低保专项治理.
    earlier = _held(civil, "城乡低保专项治理工作推进会", MeetingKind.SPECIAL, lines[1], _at(today - dt.timedelta(days=14), 9), 45, 45, summoned, decided=True)
    # Awaiting review 1: too long, in person, principals summoned.
    long_one = services.meeting_create(
        actor=None, organiser=civil, topic="全县养老服务体系建设推进会", field="民政", kind=MeetingKind.SPECIAL,
        format=MeetingFormat.IN_PERSON, location="县政府三楼会议室", starts_at=_at(today + dt.timedelta(days=7), 9),
        planned_minutes=120, attendees=summoned, principals_required=True, principals_count=2,
        speeches=[
            {"speaker": "县民政局局长", "minutes": 80, "is_main": True},
            {"speaker": "永乐街道办事处主任", "minutes": 15},
            {"speaker": "西口回族镇镇长", "minutes": 15},
        ],
    )
    services.meeting_submit(actor=None, meeting=long_one)
    # Awaiting review 2: the same matter as ``earlier`` again, by teleconference.
    repeat = services.meeting_create(
        actor=None, organiser=civil, topic="全县城乡低保专项治理工作调度会", field="民政", kind=MeetingKind.SPECIAL,
        format=MeetingFormat.TELECONFERENCE, starts_at=_at(today + dt.timedelta(days=9), 15), planned_minutes=45,
        attendees=summoned, speeches=[{"speaker": "县民政局副局长", "minutes": 25, "is_main": True}],
    )
    services.meeting_submit(actor=None, meeting=repeat)
    # A draft the clerk is still writing.
    services.meeting_create(
        actor=None, organiser=civil, topic="社区工作者能力提升培训会", field="民政", kind=MeetingKind.SPECIAL,
        format=MeetingFormat.VIDEO, starts_at=_at(today + dt.timedelta(days=20), 14, 30), planned_minutes=50, attendees=villages[:6],
        speeches=[{"speaker": "县民政局局长", "minutes": 30, "is_main": True}],
    )
    assert earlier.pk and long_one.pk and repeat.pk


def _held(
    organiser: Unit, topic: str, kind: str, line: Any, start: dt.datetime, planned: int, actual: int, summoned: list[Unit], *, decided: bool
) -> Meeting:
    m = services.meeting_create(
        actor=None, organiser=organiser, topic=topic, field="民政", kind=kind, format=MeetingFormat.VIDEO, starts_at=start,
        planned_minutes=planned, attendees=summoned, plan_line=line,
        speeches=[{"speaker": "县民政局局长", "minutes": min(30, planned // 2), "is_main": True}],
    )
    m = services.meeting_submit(actor=None, meeting=m)
    if m.status == MeetingStatus.SUBMITTED:
        m = services.meeting_approve(actor=None, meeting=m, override_reason="")
    decisions = [{"text": f"{topic.removesuffix('会')}：各镇（街道）明确专人负责，月底前报送落实情况", "owner_unit": organiser, "owner_person": "分管副局长", "due": start.date() + dt.timedelta(days=30)}] if decided else []
    attendance = {u.pk: 1 for u in summoned}
    return services.meeting_close(actor=None, meeting=m, actual_minutes=actual, attendance=attendance, decisions=decisions, actual_start=start)


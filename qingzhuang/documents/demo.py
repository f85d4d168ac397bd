"""Demo documents for 镇安县: raw issued documents 2023–2026, plans and quotas, and drafts in review.

The county's documents fall from 210 (2023) to 173 (2024): −17.6%, the article's figure, which the
pages compute from these rows. Every demo document goes to the same number of grassroots units, so
"documents received" by the grassroots falls by the same share. 2026 (today is late November) has
some units yellow and 民政局 red, and three drafts wait for the necessity review: a reworded copy of
an earlier document, one too long, and one relabelled as a memo.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from collections import defaultdict
from functools import cache
from typing import Any

from qingzhuang.documents import services
from qingzhuang.documents.duplicates import fingerprint_bytes, index_add_many
from qingzhuang.documents.models import Document, DocumentKind, DocumentPlan, PlanLine, Status
from qingzhuang.documents.rules import QUOTA_KIND
from qingzhuang.gate.models import Quota, QuotaUse
from qingzhuang.gate.warnings import quota_warning
from qingzhuang.lib import doc_corpus
from qingzhuang.lib.chinese_text import count_zi
from qingzhuang.org.demo import DEPARTMENTS
from qingzhuang.org.models import GRASSROOTS_KINDS, Region, Unit, UnitKind

COUNTY = "镇安县"
YEAR_TOTALS = {2023: 210, 2024: 173, 2025: 160}
RECIPIENTS_PER_DOCUMENT = 8
TODAY = dt.date(2026, 11, 26)
# 2026 so far, per issuer (short name): (quota, issued). 民政局 is red, 教育局 and 卫生健康局 yellow.
PLAN_2026 = {
    "委办公室": (40, 26), "民政局": (14, 14), "教育局": (15, 13), "卫生健康局": (12, 10), "住房和城乡建设局": (14, 8),
    "应急管理局": (14, 9), "农业农村局": (14, 8), "市场监督管理局": (12, 7), "自然资源局": (10, 6), "水利局": (10, 6),
    "人力资源和社会保障局": (10, 6),
}
WEIGHTS = {"委办公室": 5.0, "民政局": 1.4, "教育局": 1.3, "卫生健康局": 1.2, "应急管理局": 1.2}


# The corpus names a random county's towns (永乐乡) and prefixes (横政办发): a 镇安县 document names 镇安县's own.
_FAKE_TOWN = re.compile(
    "(?:" + "|".join(doc_corpus._TOWN_HEADS[i:i + 2] for i in range(len(doc_corpus._TOWN_HEADS) - 1)) + ")(?:镇|街道|乡)"
)
# Other counties' own prefixes (横政办发); the province's (陕) and cities' (商, 西…) stay, they cite upper levels.
_OTHER_COUNTY_PREFIX = re.compile(
    "([" + "".join(sorted({c[0] for cs in doc_corpus.CITIES.values() for c in cs} - {city[0] for city in doc_corpus.CITIES} - {"陕", "镇"}))
    + "])政办发〔"
)


@cache
def _real_towns(county_code: str = "611025") -> tuple[str, ...]:
    return tuple(Region.objects.filter(parent__code=county_code).order_by("code").values_list("name", flat=True)) or ("永乐街道",)


def _county_text(generated: doc_corpus.GeneratedDocument, number: str = "", place: tuple[str, str, str, str] = ("611025", COUNTY, "商洛市", "镇"),
                 issuer: str = "") -> str:
    """The generated text as the issuing county would write it: its county, city, towns and its own document number.

    ``place``: (county code, county name, city name, the one-character prefix of its 政办发 numbers).
    """
    code, county_name, city_name, prefix = place
    text = generated.text
    for city, counties in doc_corpus.CITIES.items():
        for county in counties:
            if county in text and county != county_name:
                text = text.replace(county, county_name)
        if city in text and city != city_name:
            text = text.replace(city, city_name)
    towns = _real_towns(code)
    text = _FAKE_TOWN.sub(lambda m: towns[sum(map(ord, m.group(0))) % len(towns)], text)
    text = _OTHER_COUNTY_PREFIX.sub(f"{prefix}政办发〔", text)
    lines = text.split("\n")
    if number and len(lines) > 1 and "政办发〔" in lines[1]:
        lines[1] = number  # the 红头's own number line
    if issuer and len(lines) > 3 and lines[0].endswith("文件"):
        # The 红头 and the signature name the unit that issues it (generated.text ends with issuer, date).
        old = lines[0].removesuffix("文件")
        lines[0] = f"{issuer}文件"
        if lines[-2] == old:
            lines[-2] = issuer
    return "\n".join(lines)


def _split(total: int, names: list[str], rng: random.Random) -> dict[str, int]:
    weights = [WEIGHTS.get(n, 1.0) * rng.uniform(0.85, 1.15) for n in names]
    raw = [total * w / sum(weights) for w in weights]
    counts = [math.floor(r) for r in raw]
    for i in sorted(range(len(names)), key=lambda i: raw[i] - counts[i], reverse=True)[: total - sum(counts)]:
        counts[i] += 1
    return dict(zip(names, counts, strict=True))


def seed(ctx: Any) -> None:
    rng = random.Random(611025)
    county = Region.objects.get(code="611025")
    office = ctx.unit(f"{COUNTY}委办公室")
    issuers = {"委办公室": office, **{d: ctx.unit(f"{COUNTY}{d}") for d in DEPARTMENTS}}
    names = list(issuers)
    grassroots = list(Unit.objects.filter(county=county, kind__in=GRASSROOTS_KINDS).values_list("pk", flat=True))
    upper = _upper_units()

    counts = {year: _split(total, names, rng) for year, total in YEAR_TOTALS.items()}
    counts[2026] = {n: PLAN_2026[n][1] for n in names}
    seed_no = 1
    made: list[Document] = []
    recipient_rows: list[tuple[int, int]] = []
    for year, per_unit in counts.items():
        for name, count in per_unit.items():
            for _ in range(count):
                made.append(_issued(issuers[name], year, seed_no, rng))
                seed_no += 1
    # Upper-level documents in the archive (the county may not copy them: 照抄照搬).
    uppers = [_issued(upper[i % 2], 2025, 90000 + i, rng, level=("city", "province")[i % 2]) for i in range(12)]
    Document.objects.bulk_create(made + uppers, batch_size=200)
    for doc in made:
        for unit_id in rng.sample(grassroots, RECIPIENTS_PER_DOCUMENT):
            recipient_rows.append((doc.pk, unit_id))
    Through = Document.recipients.through
    Through.objects.bulk_create([Through(document_id=d, unit_id=u) for d, u in recipient_rows], batch_size=2000)
    index_add_many(made + uppers)
    _quotas_and_plans(issuers, made, counts, rng)
    _ledger(made, recipient_rows)
    _drafts(ctx, issuers, made, uppers)
    for place, totals in OTHER_COUNTIES.items():
        _other_county(ctx, place, totals)
    ctx.say(f"documents: {len(made)} issued in {COUNTY} 2023–2026 ({sum(counts[2023].values())} in 2023, {sum(counts[2024].values())} in 2024), {len(uppers)} upper-level")


# The two other demo counties: fewer documents, falling too; every one reaches the article's community
# (新渭路社区) in 渭滨区 so that its ledger has figures. (county code, name, city, number prefix): totals.
OTHER_COUNTIES = {
    ("610302", "渭滨区", "宝鸡市", "渭"): {2023: 64, 2024: 55, 2025: 50, 2026: 41},
    ("610103", "碑林区", "西安市", "碑"): {2023: 70, 2024: 61, 2025: 57, 2026: 46},
}
FEATURED = {"610302": "新渭路社区", "610103": "草场坡社区"}


def _other_county(ctx: Any, place: tuple[str, str, str, str], totals: dict[int, int]) -> None:
    """Issued documents of another demo county (texts in its own names and numbers), its recipients and ledger."""
    code, name, _city, _prefix = place
    rng = random.Random(int(code))
    county = Region.objects.get(code=code)
    issuers = {"委办公室": ctx.unit(f"{name}委办公室"), **{d: ctx.unit(f"{name}{d}") for d in DEPARTMENTS}}
    grassroots = list(Unit.objects.filter(county=county, kind__in=GRASSROOTS_KINDS).values_list("pk", flat=True))
    featured = Unit.objects.filter(county=county, name=FEATURED[code]).values_list("pk", flat=True).first()
    made: list[Document] = []
    seed_no = int(code) * 10
    for year, total in totals.items():
        for issuer_name, count in _split(total, list(issuers), rng).items():
            for _ in range(count):
                made.append(_issued(issuers[issuer_name], year, seed_no, rng, place=place))
                seed_no += 1
    Document.objects.bulk_create(made, batch_size=200)
    rows: list[tuple[int, int]] = []
    for doc in made:
        others = [u for u in grassroots if u != featured]
        chosen = ([featured] if featured else []) + rng.sample(others, min(RECIPIENTS_PER_DOCUMENT - 1, len(others)))
        rows += [(doc.pk, unit_id) for unit_id in chosen]
    Through = Document.recipients.through
    Through.objects.bulk_create([Through(document_id=d, unit_id=u) for d, u in rows], batch_size=2000)
    index_add_many(made)
    _ledger(made, rows)


def _upper_units() -> list[Unit]:
    from qingzhuang.org import services as org_services

    found = []
    for code, name in (("611000", "商洛市人民政府办公室"), ("610000", "陕西省人民政府办公厅")):
        region = Region.objects.get(code=code)
        unit = Unit.objects.filter(region=region, name=name).first()
        if unit is None:
            unit = org_services.unit_create(actor=None, name=name, kind=UnitKind.PARTY_GOV_OFFICE, region=region)
        found.append(unit)
    return found


def _issued(issuer: Unit, year: int, seed_no: int, rng: random.Random, *, level: str = "county",
            place: tuple[str, str, str, str] = ("611025", COUNTY, "商洛市", "镇")) -> Document:
    recipe = doc_corpus.base_recipe(seed_no, level=level, year=year)
    recipe["length"] = min(int(recipe["length"]), 3800)
    generated = doc_corpus.build(recipe)
    number = f"{place[3]}政办发〔{year}〕{seed_no % 160 + 1}号" if level == "county" else ""
    text = _county_text(generated, number, place, issuer.name) if level == "county" else generated.text
    end = TODAY if year == TODAY.year else dt.date(year, 12, 31)
    day = dt.date(year, 1, 4) + dt.timedelta(days=rng.randrange((end - dt.date(year, 1, 4)).days))
    kind = rng.choices([DocumentKind.RED_HEAD, DocumentKind.WHITE_HEAD, DocumentKind.MEMO], weights=(8, 2, 1))[0]
    return Document(
        issuer=issuer, title=generated.title.replace("{", "").replace("}", "")[:200], kind=kind, text=text, chars=count_zi(text),
        status=Status.ISSUED, issued_on=day, demands_reports_back=rng.random() < 0.3, fingerprint=fingerprint_bytes(text),
        number=number,
    )


def _quotas_and_plans(issuers: dict[str, Unit], made: list[Document], counts: dict[int, dict[str, int]], rng: random.Random) -> None:
    by_unit_year: dict[tuple[int, int], list[Document]] = defaultdict(list)
    for doc in made:
        assert doc.issued_on is not None
        by_unit_year[(doc.issuer_id, doc.issued_on.year)].append(doc)
    uses: list[QuotaUse] = []
    for name, unit in issuers.items():
        for year in (2024, 2025, 2026):
            docs = by_unit_year[(unit.pk, year)]
            limit = PLAN_2026[name][0] if year == 2026 else len(docs) + rng.randrange(1, 4)
            colour = quota_warning(limit=limit, used=len(docs), year=year, today=TODAY).colour
            quota = Quota.objects.create(unit=unit, year=year, kind=QUOTA_KIND, limit=limit, used=len(docs), colour=colour)
            uses += [QuotaUse(quota=quota, item_type="documents.document", item_id=d.pk) for d in docs]
            plan = DocumentPlan.objects.create(unit=unit, year=year, note="")
            lines = [PlanLine(plan=plan, title=f"{d.title}", planned_month=d.issued_on.month if d.issued_on else None) for d in docs]
            lines += [PlanLine(plan=plan, title=f"关于做好{year}年度{rng.choice(doc_corpus.TOPIC_NAMES)}工作的通知（预留{i + 1}）") for i in range(limit - len(docs))]
            PlanLine.objects.bulk_create(lines)
    QuotaUse.objects.bulk_create(uses, batch_size=2000)


def _ledger(made: list[Document], recipient_rows: list[tuple[int, int]]) -> None:
    from qingzhuang.ledger.services import ledger_add_many

    by_id = {d.pk: d for d in made}
    rows, chars = [], []
    for doc_id, unit_id in recipient_rows:
        doc = by_id[doc_id]
        assert doc.issued_on is not None
        rows.append((unit_id, doc.issued_on, 1.0, doc.issuer_id))
        chars.append((unit_id, doc.issued_on, float(doc.chars), doc.issuer_id))
    ledger_add_many(measure=services.RECEIVED, rows=rows)
    ledger_add_many(measure=services.CHARS_RECEIVED, rows=chars)


def _drafts(ctx: Any, issuers: dict[str, Unit], made: list[Document], uppers: list[Document]) -> None:
    """2026 drafts: a copy and a memo relabelling wait for the reviewer; a too-long one waits with its drafter."""
    civil = issuers["民政局"]
    clerk = ctx.users.get("zhenan_clerk")
    towns = list(Unit.objects.filter(county=civil.county, kind=UnitKind.TOWN_OFFICE).order_by("path")[:6])
    source = next(d for d in made if d.issuer_id == issuers["委办公室"].pk and d.issued_on and d.issued_on.year == 2025 and d.chars > 1500)
    memo_source = next(d for d in made if d.issuer_id == issuers["教育局"].pk and d.issued_on and d.issued_on.year == 2025)
    copy_text = doc_corpus.reword(source.text, random.Random(7), 0.3)
    drafts = [
        services.document_create(actor=None, issuer=civil, title=f"关于进一步{source.title.removeprefix('关于')}", text=copy_text,
                                 recipients=towns, demands_reports_back=True),
        services.document_create(
            actor=None, issuer=issuers["应急管理局"], title="关于全面开展2026年冬春安全隐患大排查大整治工作的实施方案",
            text=_county_text(doc_corpus.build(doc_corpus.base_recipe(424242, level="county", year=2026, length=7200))),
            recipients=towns, is_task_deployment=True,
        ),
        services.document_create(
            actor=None, issuer=issuers["教育局"], kind=DocumentKind.MEMO, title=f"{memo_source.title.removesuffix('的通知')}的工作提示",
            text="工作提示\n" + "\n".join(memo_source.text.split("\n")[3:]), recipients=towns[:3],
        ),
    ]
    for doc in drafts:
        if clerk is not None and doc.issuer_id == civil.pk:
            Document.objects.filter(pk=doc.pk).update(created_by=clerk)
        if doc.is_task_deployment:
            continue  # too long: the gate refuses to submit it, so it waits with its drafter to be shortened
        services.document_submit(actor=None, document=doc)
    services.document_review_start(actor=None, document=drafts[0])

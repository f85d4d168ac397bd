"""The demo's 镇安县 documents fall by −17.6% in 2024, computed from the raw records."""

import datetime as dt

import pytest

from qingzhuang.documents.measures import received
from qingzhuang.documents.models import Document, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    from qingzhuang.documents.demo import seed as documents_seed
    from qingzhuang.org.demo import DemoContext
    from qingzhuang.org.demo import seed as org_seed

    ctx = DemoContext()
    org_seed(ctx)
    documents_seed(ctx)
    return ctx


def change(before: float, after: float) -> float:
    return round(100 * (after - before) / before, 1)


def test_the_countys_documents_fall_by_17_6_percent_in_2024(demo):
    def issued(year):
        return Document.objects.filter(issuer__county__code="611025", status=Status.ISSUED, issued_on__year=year).count()

    assert (issued(2023), issued(2024)) == (210, 173)
    assert change(issued(2023), issued(2024)) == -17.6
    # Deliveries from 镇安县's own units (the other demo counties issue documents too).
    zhenan = set(Document.objects.filter(issuer__county__code="611025").values_list("issuer_id", flat=True))
    got = {year: sum(r[2] for r in received(dt.date(year, 1, 1), dt.date(year + 1, 1, 1)) if r[3] in zhenan) for year in (2023, 2024)}
    assert change(got[2023], got[2024]) == -17.6


def test_the_demo_has_a_red_unit_two_drafts_for_the_reviewer_and_a_too_long_one_with_its_drafter(demo):
    from qingzhuang.documents import selectors
    from qingzhuang.gate.models import Quota

    assert Quota.objects.get(unit__name="镇安县民政局", year=2026).colour == "red"
    assert Quota.objects.filter(year=2026, colour="yellow").exists()
    waiting = Document.objects.filter(status__in=[Status.SUBMITTED, Status.IN_REVIEW])
    rules = {d.title: {v.rule: v.outcome for v in selectors.verdict_rows(selectors.latest_check(d))} for d in waiting}
    assert len(rules) == 2
    assert any(r["document.duplicates"] == "block" for r in rules.values())
    assert any(r["document.relabel"] == "warn" for r in rules.values())
    # The gate refuses to submit a too-long draft: it waits with its drafter, who sees the count and the block.
    too_long = Document.objects.get(status=Status.DRAFT, is_task_deployment=True, issuer__county__code="611025")
    assert too_long.chars > 4000


def test_the_countys_demo_documents_carry_its_own_numbers_and_place_names(demo):
    import re

    from qingzhuang.lib import doc_corpus

    towns = {doc_corpus._TOWN_HEADS[i:i + 2] + tail for i in range(len(doc_corpus._TOWN_HEADS) - 1) for tail in ("镇", "乡", "街道")}
    real = set(demo.counties["611025"].children.values_list("name", flat=True))
    docs = Document.objects.filter(issuer__county__code="611025", status=Status.ISSUED).select_related("issuer")

    wrong_numbers, foreign_towns = [], []
    for doc in docs:
        lines = doc.text.split("\n")
        if lines[1] != doc.number or lines[0] != f"{doc.issuer.name}文件" or lines[-2] != doc.issuer.name:
            wrong_numbers.append((doc.issuer.name, doc.number, lines[0], lines[1], lines[-2]))
        foreign_towns += [t for t in re.findall(r"[\u4e00-\u9fff]{2}(?:镇|乡|街道)", doc.text) if t in towns - real]

    assert docs.count() > 600
    assert all(doc.number.startswith("镇政办发〔") for doc in docs)
    assert wrong_numbers == []
    assert "横政办发" not in "".join(docs.values_list("text", flat=True))
    assert foreign_towns == []


def test_the_other_demo_counties_have_documents_in_their_own_names_and_the_articles_community_receives_them(demo):
    from qingzhuang.ledger.models import LedgerYear

    for code, prefix, name in (("610302", "渭政办发〔", "渭滨区"), ("610103", "碑政办发〔", "碑林区")):
        docs = Document.objects.filter(issuer__county__code=code, status=Status.ISSUED).select_related("issuer")
        assert docs.count() > 150
        assert all(d.number.startswith(prefix) and d.text.split("\n")[0] == f"{d.issuer.name}文件" for d in docs)
        assert not docs.filter(text__contains="镇安县").exists() and docs.filter(text__contains=name).exists()
    received = dict(LedgerYear.objects.filter(unit__name="新渭路社区", measure="documents.received").values_list("year", "value"))
    assert received[2024] < received[2023] and received[2026] > 0

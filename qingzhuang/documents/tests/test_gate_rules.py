import pytest
from django.utils import timezone

from qingzhuang.documents import services
from qingzhuang.documents.models import DocumentKind
from qingzhuang.documents.tests.conftest import corpus_text
from qingzhuang.gate.errors import GateError
from qingzhuang.gate.models import RuleSetting
from qingzhuang.gate.services import quota_set
from qingzhuang.lib import doc_corpus

pytestmark = pytest.mark.django_db


def verdicts(doc):
    return {v.rule: v for v in services.document_check(actor=None, document=doc).verdicts}


def test_length_counts_chinese_characters_only_against_5000(world, draft):
    text = "测" * 5000 + "ABC 123，。" * 200
    assert verdicts(draft(text=text))["document.length"].outcome == "pass"
    over = verdicts(draft(text=text + "多"))["document.length"]
    assert over.outcome == "block" and over.evidence == {"chars": 5001, "limit": 5000, "task_deployment": False}


def test_a_task_deployment_document_is_limited_to_4000_characters(world, draft):
    v = verdicts(draft(text="字" * 4001, is_task_deployment=True))["document.length"]
    assert v.outcome == "block" and v.params["limit"] == 4000


def test_the_county_may_change_the_length_limit(world, draft):
    RuleSetting.objects.create(county=world.zhenan, rule="document.length", params={"max_chars": 3000})
    assert verdicts(draft(text="字" * 3500))["document.length"].outcome == "block"


def test_a_reworded_copy_of_an_issued_document_is_blocked_with_its_evidence(world, draft, issued):
    original = issued(seed=11, text=corpus_text(11, 2500), title="关于做好安全生产工作的通知")
    issued(seed=12, text=corpus_text(12, 2500), title="无关文件")
    import random

    copy = doc_corpus.reword(original.text, random.Random(1), 0.3)
    v = verdicts(draft(text=copy))["document.duplicates"]
    assert v.outcome == "block"
    top = v.evidence["matches"][0]
    assert top["id"] == original.pk and top["title"] == "关于做好安全生产工作的通知" and top["score"] >= 0.85
    assert "镇安县委办公室" in v.text()


def test_a_traditional_script_copy_with_variant_glyphs_is_still_found(world, draft, issued):
    original = issued(seed=21, text="陕西省" + corpus_text(21, 2000))
    traditional = doc_corpus.build({"kind": "traditional", "seed": 3, "source": doc_corpus.base_recipe(21, level="county", length=2000)}).text
    v = verdicts(draft(text="陜西省" + traditional))["document.duplicates"]
    assert v.outcome in ("warn", "block") and v.evidence["matches"][0]["id"] == original.pk


def test_an_unrelated_document_on_the_same_topic_passes(world, draft, issued):
    issued(seed=31, text=corpus_text(31, 2500))
    assert verdicts(draft(text=corpus_text(4031, 2500)))["document.duplicates"].outcome == "pass"


def test_documents_of_another_county_are_not_shown_but_upper_level_ones_are(world, draft, issued):
    from qingzhuang.org import services as org_services
    from qingzhuang.org.models import UnitKind

    other = issued(seed=41, issuer=world.beilin_office)
    city = org_services.unit_create(actor=None, name="商洛市人民政府办公室", kind=UnitKind.PARTY_GOV_OFFICE, region=world.zhenan.parent)
    upper = issued(seed=42, issuer=city)
    assert verdicts(draft(text=other.text))["document.duplicates"].outcome == "pass"
    match = verdicts(draft(text=upper.text))["document.duplicates"].evidence["matches"][0]
    assert match["id"] == upper.pk and match["upper_level"] is True


def test_demanding_reports_back_warns(world, draft):
    assert verdicts(draft(demands_reports_back=True))["document.reply_demand"].outcome == "warn"
    assert verdicts(draft())["document.reply_demand"].outcome == "pass"


def test_a_memo_or_white_header_counts_as_a_document_and_the_reviewer_is_told(world, draft):
    for kind in (DocumentKind.MEMO, DocumentKind.WHITE_HEAD):
        assert verdicts(draft(kind=kind))["document.relabel"].outcome == "warn"
    assert verdicts(draft())["document.relabel"].outcome == "pass"


def test_a_memo_takes_a_quota_slot_like_a_red_header_document(world, draft):
    year = timezone.localdate().year
    quota = quota_set(actor=None, unit=world.civil_affairs, year=year, kind="documents", limit=3)
    doc = draft(kind=DocumentKind.MEMO)
    services.document_submit(actor=world.clerk, document=doc)
    services.document_approve(actor=world.reviewer, document=doc)
    quota.refresh_from_db()
    assert quota.used == 1


def test_quota_rule_is_green_yellow_then_red(world, draft):
    year = timezone.localdate().year
    quota_set(actor=None, unit=world.civil_affairs, year=year, kind="documents", limit=10)
    assert verdicts(draft())["document.quota"].outcome in ("pass", "warn")
    quota_set(actor=None, unit=world.civil_affairs, year=year, kind="documents", limit=1)
    v = verdicts(draft())["document.quota"]
    assert v.outcome == "warn" and v.evidence["colour"] == "red"


def test_red_quota_blocks_approval_without_an_override_and_allows_it_with_a_reason(world, draft):
    year = timezone.localdate().year
    quota = quota_set(actor=None, unit=world.civil_affairs, year=year, kind="documents", limit=1)
    first, second = draft(), draft(seed=501)
    for doc in (first, second):
        services.document_submit(actor=world.clerk, document=doc)
    services.document_approve(actor=world.reviewer, document=first)
    with pytest.raises(GateError) as err:
        services.document_approve(actor=world.reviewer, document=second)
    assert err.value.code == "quota_exhausted"
    services.document_approve(actor=world.reviewer, document=second, override_reason="防汛紧急部署，县领导批准")
    quota.refresh_from_db()
    assert quota.used == 2 and quota.uses.get(item_id=second.pk).override_reason.startswith("防汛")


def test_a_blocking_rule_other_than_the_quota_refuses_approval(world, draft):
    from qingzhuang.gate.services import rule_setting_set

    doc = draft(text="字" * 3000)
    services.document_submit(actor=world.clerk, document=doc)
    # The county tightens its length limit while the draft waits: at approval the draft is too long.
    rule_setting_set(actor=None, county=world.zhenan, rule="document.length", enabled=True,
                     params={"max_chars": 2000, "max_chars_task_deployment": 2000})
    with pytest.raises(GateError) as err:
        services.document_approve(actor=world.reviewer, document=doc)
    assert err.value.code == "gate_blocked"
    doc.refresh_from_db()
    assert doc.status == "submitted"

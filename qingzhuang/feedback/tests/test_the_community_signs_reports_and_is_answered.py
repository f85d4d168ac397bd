"""A community signs for (签收) what it received, reports a burden problem on it, and the county office answers."""

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.audit.models import Event
from qingzhuang.feedback import errors
from qingzhuang.feedback.errors import FeedbackError
from qingzhuang.feedback.models import ItemType, Receipt, Report, ReportStatus
from qingzhuang.feedback.services import receipt_sign, report_answer, report_create
from qingzhuang.feedback.testing import issued_document
from qingzhuang.ledger.models import LedgerYear

pytestmark = pytest.mark.django_db
DOC = ItemType.DOCUMENT


def state():
    return (Receipt.objects.count(), Report.objects.count(), list(Report.objects.values_list("status", "reply")), Event.objects.count(),
            list(LedgerYear.objects.filter(measure="feedback.reports").values_list("unit_id", "value")))


def test_the_secretary_signs_for_a_document_once_and_the_signature_is_audited(world):
    doc = issued_document(world)

    first = receipt_sign(actor=world.secretary, unit=world.xincheng, item_type=DOC, item_id=doc.pk)
    again = receipt_sign(actor=world.worker, unit=world.xincheng, item_type=DOC, item_id=doc.pk)

    assert first == again and first.signed_by == world.secretary
    assert Event.objects.filter(model="feedback.receipt", action="create", unit=world.xincheng).count() == 1


def test_a_report_goes_to_the_county_office_counts_on_the_ledger_and_its_answer_reaches_the_community(world, client_for):
    doc = issued_document(world)

    report = report_create(actor=world.secretary, unit=world.xincheng, item_type=DOC, item_id=doc.pk, kind="traces",
                           text="要求附活动照片和签到表，属于留痕要求。")

    assert report.status == ReportStatus.OPEN and report.issuer == world.civil_affairs
    assert LedgerYear.objects.get(unit=world.xincheng, measure="feedback.reports", year=2026).value == 1
    assert any("基层反映" in item.title for item in client_for(world.reviewer).get("/").context["attention"])

    report_answer(actor=world.reviewer, report=report, accepted=True, reply="已责成县民政局取消照片和签到表要求。")

    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED and report.answered_by == world.reviewer
    assert Event.objects.filter(model="feedback.report", object_id=str(report.pk)).count() == 2
    page = client_for(world.secretary).get("/feedback/").content.decode()
    assert "已责成县民政局取消照片和签到表要求。" in page and "已采纳" in page


@pytest.mark.parametrize("persona", ["outsider", "clerk", "street_officer", "secretary", "leader"])
def test_only_the_county_office_answers_and_a_refused_answer_changes_nothing(world, persona):
    doc = issued_document(world)
    report = report_create(actor=world.secretary, unit=world.xincheng, item_type=DOC, item_id=doc.pk, kind="other", text="问题")
    before = state()

    with pytest.raises(PermissionDenied):
        report_answer(actor=getattr(world, persona), report=report, accepted=False, reply="不予采纳")

    assert state() == before


def test_a_community_cannot_sign_for_or_report_what_it_did_not_receive(world):
    doc = issued_document(world, recipients=[world.changfa])
    before = state()

    for action in (
        lambda: receipt_sign(actor=world.secretary, unit=world.xincheng, item_type=DOC, item_id=doc.pk),
        lambda: report_create(actor=world.secretary, unit=world.xincheng, item_type=DOC, item_id=doc.pk, kind="duplicate", text="重复"),
    ):
        with pytest.raises(FeedbackError) as err:
            action()
        assert err.value.code == "not_received"

    assert state() == before


def test_a_secretary_cannot_act_for_another_community(world):
    doc = issued_document(world)
    before = state()

    with pytest.raises(PermissionDenied):
        receipt_sign(actor=world.secretary, unit=world.changfa, item_type=DOC, item_id=doc.pk)

    assert state() == before


@pytest.mark.parametrize(("kind", "text"), [("traces", "\u3000\u200b "), ("bogus<script>", "问题"), ("other", "坏\x00字"), ("other", "长" * 2001)])
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(world, kind, text):
    doc = issued_document(world)
    before = state()

    with pytest.raises(FeedbackError) as err:
        report_create(actor=world.secretary, unit=world.xincheng, item_type=DOC, item_id=doc.pk, kind=kind, text=text)

    assert state() == before
    assert "Error" not in err.value.message and err.value.message


def test_an_answer_needs_a_reply_and_is_given_once(world):
    doc = issued_document(world)
    report = report_create(actor=world.secretary, unit=world.xincheng, item_type=DOC, item_id=doc.pk, kind="short_deadline", text="三天太短")

    with pytest.raises(FeedbackError) as blank:
        report_answer(actor=world.reviewer, report=report, accepted=True, reply="　")
    report_answer(actor=world.reviewer, report=report, accepted=False, reply="时限符合规定。")
    with pytest.raises(FeedbackError) as twice:
        report_answer(actor=world.reviewer, report=report, accepted=True, reply="改为采纳")

    assert blank.value.code == "reply_blank" and twice.value.message == str(errors.ALREADY_ANSWERED)
    report.refresh_from_db()
    assert (report.status, report.reply) == (ReportStatus.REJECTED, "时限符合规定。")


def test_each_side_sees_only_its_own_reports(world, client_for):
    doc = issued_document(world)
    report = report_create(actor=world.secretary, unit=world.xincheng, item_type=DOC, item_id=doc.pk, kind="outside_duties", text="不属于社区职责")

    assert client_for(world.reviewer).get(f"/feedback/reports/{report.pk}/").status_code == 200
    assert client_for(world.secretary).get(f"/feedback/reports/{report.pk}/").status_code == 200
    assert client_for(world.outsider).get(f"/feedback/reports/{report.pk}/").status_code == 403
    assert client_for(world.outsider).get("/api/v1/feedback/reports").json() == []
    assert [r["id"] for r in client_for(world.reviewer).get("/api/v1/feedback/reports").json()] == [report.pk]

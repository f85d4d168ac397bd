"""The article's 镇安县 row counts items — documents issued, meetings held — not deliveries or attendances.

The data are built through the services in a county where each item goes to a different number of
grassroots units, so the counts of items and the receipts differ (as in a held-out county, where
57 → 47 documents were 166 → 137 deliveries).
"""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from qingzhuang.accounts.services import api_token_create
from qingzhuang.ledger.article import DOCUMENTS, MEETINGS, article_figures
from qingzhuang.ledger.tests.held_out import build

pytestmark = pytest.mark.django_db


def change_text(last: int, this: int) -> str:
    return f"{(this - last) / last * 100:+.1f}%"


@pytest.fixture
def zhenan(world):
    grassroots = [world.xincheng, world.changfa, world.yongle, world.xikou]
    return build(
        issuer=world.civil_affairs, organiser=world.education, grassroots=grassroots, year=2024,
        documents_per_year={2023: 12, 2024: 10}, meetings_per_year={2023: 7, 2024: 6},
    )


def test_the_figures_count_documents_issued_and_meetings_held_not_receipts(world, zhenan):
    last, this = zhenan[2023], zhenan[2024]
    assert (last.deliveries, this.deliveries) != (last.documents, this.documents)  # the data tell them apart

    result = article_figures(user=world.reviewer, office=world.office, year=2024)

    assert (result.figure(DOCUMENTS).last, result.figure(DOCUMENTS).this) == (12, 10)
    assert (result.figure(MEETINGS).last, result.figure(MEETINGS).this) == (7, 6)
    assert round(result.figure(DOCUMENTS).change or 0, 4) == round((10 - 12) / 12, 4)
    # Receipts stay, as burden measures under their own labels.
    assert (result.burden_figure(DOCUMENTS).last, result.burden_figure(DOCUMENTS).this) == (last.deliveries, this.deliveries)
    assert (result.burden_figure(MEETINGS).last, result.burden_figure(MEETINGS).this) == (last.attendances, this.attendances)
    assert result.figure(DOCUMENTS).label == "Documents issued" or result.figure(DOCUMENTS).label == "发文数"


def test_the_command_prints_the_counts_of_items_and_the_receipts_under_their_own_labels(world, zhenan):
    last, this = zhenan[2023], zhenan[2024]
    out = io.StringIO()

    call_command("article_figures", stdout=out)

    lines = out.getvalue().splitlines()
    assert "镇安县" in lines[0]
    issued = next(line for line in lines if line.strip().startswith("发文数"))
    assert f"12 → 10, {change_text(12, 10)}" in issued and "文章: -17.6%" in issued
    held = next(line for line in lines if line.strip().startswith("召开会议数"))
    assert f"7 → 6, {change_text(7, 6)}" in held and "文章: -15.3%" in held
    delivered = next(line for line in lines if line.strip().startswith("收到文件数"))
    assert f"{last.deliveries} → {this.deliveries}" in delivered and "文章" not in delivered
    attended = next(line for line in lines if line.strip().startswith("参加会议"))
    assert f"{last.attendances} → {this.attendances}" in attended and "文章" not in attended


def test_the_article_page_shows_the_counts_of_items(world, zhenan, client_for):
    last, this = zhenan[2023], zhenan[2024]

    page = client_for(world.reviewer).get(reverse("ledger:article")).content.decode()

    issued_row = page[page.index("<td>发文数</td>"):].split("</tr>")[0]
    assert ">12<" in issued_row and ">10<" in issued_row and change_text(12, 10).lstrip("+") in issued_row
    held_row = page[page.index("<td>召开会议数</td>"):].split("</tr>")[0]
    assert ">7<" in held_row and ">6<" in held_row
    delivered_row = page[page.index("<td>收到文件数</td>"):].split("</tr>")[0]
    assert f">{last.deliveries}<" in delivered_row and f">{this.deliveries}<" in delivered_row


def test_another_county_gets_no_published_column(world):
    build(
        issuer=world.beilin_office, organiser=world.beilin_office, grassroots=[world.caochangpo, world.changanlu], year=2024,
        documents_per_year={2023: 4, 2024: 3}, meetings_per_year={2023: 3, 2024: 2}, seed=90000,
    )
    out = io.StringIO()

    call_command("article_figures", "--county", "610103", stdout=out)

    text = out.getvalue()
    assert "碑林区" in text and "文章:" not in text
    issued = next(line for line in text.splitlines() if line.strip().startswith("发文数"))
    assert f"4 → 3, {change_text(4, 3)}" in issued
    assert article_figures(user=world.outsider, office=world.beilin_office, year=2024).figure(DOCUMENTS).published is None


def test_a_document_added_through_the_api_moves_the_count_by_one_and_the_deliveries_by_its_recipients(world, client):
    import datetime as dt

    from qingzhuang.documents import services as documents_services
    from qingzhuang.documents.models import Document

    year = dt.date.today().year  # noqa: DTZ011 - the documents service issues on today's local date
    before = article_figures(user=world.reviewer, office=world.office, year=year)
    _token, raw = api_token_create(actor=None, user=world.clerk, name="部门系统")
    headers = {"Authorization": f"Bearer {raw}"}

    created = client.post(
        "/api/v1/documents/",
        {"issuer_id": world.civil_affairs.pk, "title": "关于做好冬季社区安全工作的通知", "text": "社区安全工作要求。" * 60,
         "recipient_ids": [world.xincheng.pk, world.changfa.pk]},
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201, created.content
    doc_id = created.json()["id"]
    assert client.post(f"/api/v1/documents/{doc_id}/submit", headers=headers).status_code == 200
    documents_services.document_approve(actor=world.reviewer, document=Document.objects.get(pk=doc_id), override_reason="测试")
    explained = client.post(f"/api/v1/documents/{doc_id}/explain", {"explanation": "冬季安全工作确需部署。"}, content_type="application/json", headers=headers)
    assert explained.status_code == 200, explained.content
    documents_services.document_explanation_accept(actor=world.reviewer, document=Document.objects.get(pk=doc_id))
    assert client.post(f"/api/v1/documents/{doc_id}/issue", headers=headers).status_code == 200

    after = article_figures(user=world.reviewer, office=world.office, year=year)
    assert after.figure(DOCUMENTS).this == before.figure(DOCUMENTS).this + 1
    assert after.burden_figure(DOCUMENTS).this == before.burden_figure(DOCUMENTS).this + 2

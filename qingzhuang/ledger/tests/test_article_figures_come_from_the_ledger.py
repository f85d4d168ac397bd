"""The article's 镇安县 row (documents −17.6%, meetings −15.3% in 2024 against 2023) from the ledger."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from qingzhuang.accounts.services import api_token_create
from qingzhuang.ledger.article import DOCUMENTS, MEETINGS, article_figures
from qingzhuang.ledger.services import ledger_add_many

pytestmark = pytest.mark.django_db


def _like_the_demo(world) -> None:
    """As the documents and meetings demos do: 210 → 173 documents and 150 → 127 meetings in the county,
    each document to the same 2 grassroots units, each meeting summoning the same 2 units, ≤ 1 hour in 2024."""
    units = [world.xincheng.pk, world.changfa.pk]
    for year, documents, meetings in ((2023, 210, 150), (2024, 173, 127)):
        for n in range(documents):
            day = dt.date(year, 1 + n % 12, 1 + n % 28)
            ledger_add_many(measure=DOCUMENTS, rows=[(u, day, 1.0, world.civil_affairs.pk) for u in units])
        for n in range(meetings):
            day = dt.date(year, 1 + n % 12, 1 + n % 28)
            minutes = 50 if year == 2024 else 80
            ledger_add_many(measure=MEETINGS, rows=[(u, day, 1.0, world.education.pk) for u in units])
            ledger_add_many(measure="meetings.hours", rows=[(u, day, minutes / 60, world.education.pk) for u in units])


def test_the_command_prints_the_articles_row_computed_from_the_ledger(world):
    _like_the_demo(world)
    out = io.StringIO()

    call_command("article_figures", stdout=out)

    text = out.getvalue()
    assert "镇安县" in text
    lines = [line for line in text.splitlines() if "%" in line]
    assert lines[0].rstrip().endswith("-17.6% (文章: -17.6%)") or "-17.6%" in lines[0]
    assert "-15.3%" in lines[1]
    assert "0.83" in text  # 50 minutes per meeting attended: within one hour


def test_the_figures_match_the_article_and_the_report_page_shows_them(world, client_for):
    _like_the_demo(world)

    result = article_figures(user=world.reviewer, office=world.office)

    assert round(result.figure(DOCUMENTS).change or 0, 3) == -0.176
    assert round(result.figure(MEETINGS).change or 0, 3) == -0.153
    assert result.figure(DOCUMENTS).matches and result.figure(MEETINGS).matches
    assert result.hours_per_meeting is not None and result.hours_per_meeting <= 1
    page = client_for(world.reviewer).get(reverse("ledger:article")).content.decode()
    assert "-17.6%" in page and "-15.3%" in page


def test_a_document_added_through_the_api_moves_the_figure(world, client):
    from qingzhuang.documents import services as documents_services
    from qingzhuang.documents.models import Document

    year = dt.date.today().year  # noqa: DTZ011 - the documents service issues on today's local date
    before = article_figures(user=world.reviewer, office=world.office, year=year).figure(DOCUMENTS).this
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
    # The necessity review is the county reviewer's (in the web pages, not the API).
    documents_services.document_approve(actor=world.reviewer, document=Document.objects.get(pk=doc_id), override_reason="测试")
    # Only-reduce: a department with nothing issued last year files a written explanation first.
    explained = client.post(f"/api/v1/documents/{doc_id}/explain", {"explanation": "冬季安全工作确需部署。"}, content_type="application/json", headers=headers)
    assert explained.status_code == 200, explained.content
    issued = client.post(f"/api/v1/documents/{doc_id}/issue", headers=headers)
    assert issued.status_code == 200, issued.content

    after = article_figures(user=world.reviewer, office=world.office, year=year).figure(DOCUMENTS).this
    assert after == before + 2  # one document, two grassroots recipients

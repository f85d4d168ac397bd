"""The county reviewer's journey through the burden ledger: board, year filter, drill-down, exports, PDF."""

import datetime as dt
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from qingzhuang.documents import services as documents_services
from qingzhuang.documents.models import Document, Status
from qingzhuang.ledger.services import ledger_add_many
from qingzhuang.ledger.tables import HEADER_ROW
from qingzhuang.ledger.tests.data import fill
from qingzhuang.org.testing import PASSWORD
from tests.browser.support import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _issue(world, title: str, on: dt.date) -> Document:
    doc = documents_services.document_create(
        actor=None, issuer=world.civil_affairs, title=title, text="做好社区养老服务工作。" * 40, recipients=[world.xincheng, world.changfa]
    )
    Document.objects.filter(pk=doc.pk).update(status=Status.APPROVED, explanation="测试", explanation_status="accepted")
    return documents_services.document_issue(actor=None, document=Document.objects.get(pk=doc.pk), issued_on=on)


def _shown(value, number_format):
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    decimals = len(number_format.split(";")[0].split(".")[1].rstrip("%")) if "." in number_format else 0
    if "%" in number_format:
        return f"{'+' if value > 0 else ''}{value * 100:.{decimals}f}%"
    grouping = "," if number_format.startswith("#,##") else ""
    return f"{value:{grouping}.{decimals}f}"


def test_the_reviewer_filters_drills_down_to_a_document_exports_the_table_and_downloads_the_pdf(page, live_server, live_world, tmp_path):
    world = live_world
    fill(world)
    _issue(world, "关于做好2024年社区养老服务工作的通知", dt.date(2024, 5, 6))
    login(page, live_server, "reviewer", PASSWORD)

    page.get_by_role("link", name="基层负担台账").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("镇安县委办公室：基层减负看板")
    page.get_by_label("年度").select_option("2024")
    page.get_by_label("期间").select_option("")
    page.get_by_role("button", name="查看").click()
    expect(page).to_have_url(re.compile(r"year=2024"))
    receivers = page.locator('table[data-table="receivers"]')
    expect(receivers.locator("tbody tr").first).to_contain_text(re.compile("新城社区|长发村"))
    expect(page.locator(".ledger-chart svg").first).to_be_visible()  # ECharts drew (SVG renderer)
    shot(page, "ledger-board-zh-1366")
    shot(page, "ledger-board-zh-1366-full", full_page=True)

    # Export the receivers table exactly as shown.
    header = [th.inner_text().strip() for th in receivers.locator("thead th").all()]
    body = [[td.inner_text().strip() for td in row.locator("td").all()] for row in receivers.locator("tbody tr").all()]
    with page.expect_download() as download_info:
        page.locator(".ledger-table").filter(has=receivers).get_by_role("link", name="导出Excel").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    assert saved.suffix == ".xlsx"
    sheet = load_workbook(saved).active
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=HEADER_ROW))
    assert [c.value for c in rows[0]] == header
    assert [[_shown(c.value, c.number_format) for c in r] for r in rows[1:]] == body

    # The PDF of the board: one board per ledger measure, and each app adds measures (16 s for the PDF on the
    # loaded 2-core machine), so it is a background job whose page offers the file (inline in tests, hence the time).
    board_url = page.url
    page.get_by_role("button", name="下载本看板PDF").click(timeout=90_000)
    expect(page.get_by_role("heading", level=1)).to_contain_text("后台任务", timeout=90_000)
    shot(page, "ledger-board-pdf-job-zh-1366")
    with page.expect_download() as pdf_info:
        page.get_by_role("link", name="下载结果").click()
    text = "".join(p.extract_text() for p in PdfReader(pdf_info.value.path()).pages)
    assert "镇安县委办公室" in text and "基层减负年报" in text and "新城社区" in text
    page.goto(board_url)

    # Drill down: community → its documents → the document itself.
    receivers.get_by_role("link", name="新城社区").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("新城社区：下沉事项")
    expect(page.locator('table[data-table="inputs"]')).to_be_visible()
    shot(page, "ledger-community-zh-1366")
    shot(page, "ledger-community-zh-1366-full", full_page=True)
    page.locator(".ledger-drill").get_by_role("link").first.click()
    expect(page.get_by_role("link", name="关于做好2024年社区养老服务工作的通知")).to_be_visible()
    page.get_by_role("link", name="关于做好2024年社区养老服务工作的通知").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("关于做好2024年社区养老服务工作的通知")


def test_the_administrator_compares_counties_and_opens_one_of_them(page, live_server, live_world):
    world = live_world
    fill(world)
    ledger_add_many(measure="documents.received", rows=[(world.caochangpo.pk, dt.date(2024, 3, 1), 1.0, world.beilin_office.pk)])
    login(page, live_server, "admin", PASSWORD)

    page.goto(f"{live_server.url}/ledger/?p=2024")
    page.get_by_role("link", name="各县（区）汇总").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("各县（区）汇总")
    page.get_by_label("省份").select_option(label="陕西省")
    page.get_by_role("button", name="查看").click()
    counties = page.locator('table[data-table="counties"]')
    zhenan = counties.locator("tbody tr").filter(has_text="镇安县")
    expect(zhenan.locator("td").nth(1)).to_have_text("16")  # 8 documents to each of two communities in 2024
    expect(zhenan.locator("td").nth(2)).to_have_text("-20.0%")
    expect(counties.locator("tbody tr").last).to_contain_text("合计")
    shot(page, "ledger-counties-zh-1366")

    counties.get_by_role("link", name="镇安县").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("镇安县委办公室：基层减负看板")

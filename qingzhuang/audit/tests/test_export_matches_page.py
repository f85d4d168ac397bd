import csv
import io

import pytest
from lxml import html
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from qingzhuang.audit import exports
from qingzhuang.audit.models import Event
from qingzhuang.audit.selectors import ARROW
from qingzhuang.jobs.models import Job, JobStatus
from qingzhuang.org import services

pytestmark = pytest.mark.django_db


def sheet_of(response) -> Worksheet:
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert isinstance(sheet, Worksheet)
    return sheet


def change_text(tr) -> str:
    label = tr.xpath("./th")[0].text_content()
    before = tr.xpath("./td[@class='before']")[0].text_content()
    after = tr.xpath("./td[@class='after']")[0].text_content()
    return f"{label}: {before} {ARROW} {after}"


def page_rows(content: bytes) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of the list page's table, as a person reads them."""
    tree = html.fromstring(content)
    table = tree.get_element_by_id("audit-table")
    header = [th.text_content().strip() for th in table.xpath("./thead/tr/th")]
    rows = []
    for tr in table.xpath("./tbody/tr"):
        cells = []
        for td in tr.xpath("./td"):
            changes = td.xpath(".//tr[@class='change']")
            if changes:
                cells.append("\n".join(change_text(c) for c in changes))
            else:
                cells.append(td.text_content().strip())
        rows.append(cells)
    return header, rows


@pytest.fixture
def changed_world(world):
    services.unit_update(actor=world.reviewer, unit=world.xincheng, short_name="新城", is_active=False)
    return world


def test_xlsx_export_holds_exactly_the_rows_and_columns_of_the_page(changed_world, client):
    client.force_login(changed_world.reviewer)
    query = {"start": "2000-01-01", "actor": ""}
    header, rows = page_rows(client.get("/audit/", query).content)
    response = client.get("/audit/export.xlsx", query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = sheet_of(response)
    exported = [["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)]
    assert exported[0] == header
    assert header[0] == "时间"
    assert exported[1:] == rows
    assert len(rows) > 5


def test_csv_export_is_utf8_with_bom_and_matches_the_page(changed_world, client):
    client.force_login(changed_world.reviewer)
    query = {"model": "org.unit"}
    header, rows = page_rows(client.get("/audit/", query).content)
    response = client.get("/audit/export.csv", query)
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    exported = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert exported == [header, *rows]


def test_export_follows_the_filters(changed_world, client):
    client.force_login(changed_world.reviewer)
    response = client.get("/audit/export.xlsx", {"action": "update", "model": "org.unit"})
    sheet = sheet_of(response)
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[4] for r in rows] == ["新城社区"]
    assert "新城" in str(rows[0][6])


def test_headers_follow_the_readers_language(changed_world, client):
    changed_world.reviewer.language = "en"
    changed_world.reviewer.save()
    client.force_login(changed_world.reviewer)
    raw = b"".join(client.get("/audit/export.csv").streaming_content).decode("utf-8-sig")
    assert raw.splitlines()[0].startswith("Time,Actor,Action")


def test_a_formula_looking_name_stays_text(world, client):
    services.unit_update(actor=world.reviewer, unit=world.xincheng, short_name="=HYPERLINK(1)")
    client.force_login(world.reviewer)
    sheet = sheet_of(client.get("/audit/export.xlsx", {"action": "update"}))
    cell = sheet.cell(row=2, column=7)
    assert cell.data_type == "s" and "=HYPERLINK(1)" in str(cell.value)
    raw = b"".join(client.get("/audit/export.csv", {"action": "update"}).streaming_content).decode("utf-8-sig")
    assert "=HYPERLINK" in raw


def test_a_large_xlsx_export_is_made_by_a_job_with_the_same_rows(changed_world, client, monkeypatch):
    client.force_login(changed_world.reviewer)
    query = {"start": "2000-01-01", "model": "org.unit"}  # not the exports' own records, which differ between the two
    inline = [list(r) for r in sheet_of(client.get("/audit/export.xlsx", query)).iter_rows(values_only=True)]
    monkeypatch.setattr(exports, "INLINE_XLSX_ROWS", 3)

    response = client.get("/audit/export.xlsx", query)

    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    job = Job.objects.get(pk=int(response["Location"].strip("/").split("/")[-1]))
    assert job.status == JobStatus.DONE
    first_export = Event.objects.filter(action="export").earliest("id")
    assert job.payload == {"user_id": changed_world.reviewer.pk, "query": "start=2000-01-01&model=org.unit", "upto": first_export.pk}
    assert job.total == len(inline) - 1 == job.result["rows"]
    background = sheet_of(client.get(f"/jobs/{job.pk}/file/"))
    assert [list(r) for r in background.iter_rows(values_only=True)] == inline
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "下载表格（.xlsx）" in page and "返回审计日志" in page


def test_the_export_job_reads_with_the_askers_scope(world, client, monkeypatch):
    services.unit_update(actor=world.outsider, unit=world.caochangpo, short_name="草场")
    services.unit_update(actor=world.reviewer, unit=world.xincheng, short_name="新城")
    monkeypatch.setattr(exports, "INLINE_XLSX_ROWS", 0)
    client.force_login(world.reviewer)

    job = Job.objects.get(pk=int(client.get("/audit/export.xlsx")["Location"].strip("/").split("/")[-1]))

    sheet = sheet_of(client.get(f"/jobs/{job.pk}/file/"))
    objects = {r[4] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert "新城社区" in objects and "草场坡社区" not in objects


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_taking_the_trail_out_is_itself_on_the_trail(changed_world, client, fmt):
    client.force_login(changed_world.reviewer)

    response = client.get(f"/audit/export.{fmt}", {"model": "org.unit"})
    content = b"".join(response.streaming_content)

    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(content)).active
        assert isinstance(sheet, Worksheet)
        exported = len(list(sheet.iter_rows()))
    else:
        exported = len(list(csv.reader(io.StringIO(content.decode("utf-8-sig")))))
    event = Event.objects.get(action="export")
    assert (event.actor, event.unit, event.model) == (changed_world.reviewer, changed_world.office, "audit.event")
    assert event.changes == {"format": fmt, "filters": "model=org.unit", "rows": exported - 1}  # the header row
    listed = client.get("/audit/", {"action": "export"}).content.decode()
    assert "已导出" in listed and "reviewer" in listed


def test_an_export_by_job_is_recorded_once_it_is_written(changed_world, client, monkeypatch):
    monkeypatch.setattr(exports, "INLINE_XLSX_ROWS", 0)
    client.force_login(changed_world.reviewer)

    client.get("/audit/export.xlsx", {"action": "update"})

    assert Event.objects.get(action="export").changes == {"format": "xlsx", "filters": "action=update", "rows": 1}

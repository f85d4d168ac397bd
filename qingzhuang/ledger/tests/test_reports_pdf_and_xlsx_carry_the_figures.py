import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from qingzhuang.jobs.models import Job
from qingzhuang.ledger.models import LedgerReport
from qingzhuang.ledger.tests.data import fill

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_annual_report_is_made_in_the_background_with_its_figures_in_pdf_and_xlsx(world, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fill(world)
    client = client_for(world.reviewer)

    response = client.post(reverse("ledger:report_start"), {"unit": world.office.pk, "kind": "annual", "p": "2024"})

    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.status == "done", job.message
    report = LedgerReport.objects.get()
    assert (report.unit, report.kind, report.period) == (world.office, "annual", "2024")
    text = _pdf_text(client.get(reverse("ledger:report_file", args=[report.pk, "pdf"])).getvalue())
    assert "镇安县委办公室" in text
    assert "-20.0%" in text  # documents 20 → 16
    assert "-16.7%" in text  # meetings 12 → 10
    assert "新城社区" in text and "长发村" in text  # units to watch
    wb = load_workbook(io.BytesIO(client.get(reverse("ledger:report_file", args=[report.pk, "xlsx"])).getvalue()))
    summary = wb.worksheets[0]
    values = [[c.value for c in row] for row in summary.iter_rows(min_row=4)]
    assert [16, 20, -0.2] in [r[3:6] for r in values]


def test_the_board_pdf_is_made_in_the_background_and_offered_on_the_jobs_page(world, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fill(world)
    client = client_for(world.reviewer)

    started = client.post(reverse("ledger:report_now"), {"unit": world.office.pk, "p": "2024-Q1"})

    job = Job.objects.get(kind="ledger.board_pdf")
    assert started.url == reverse("jobs:detail", args=[job.pk]) and job.status == "done"
    assert reverse("jobs:file", args=[job.pk]) in client.get(started.url).content.decode()
    pdf = b"".join(client.get(reverse("jobs:file", args=[job.pk])).streaming_content)
    assert "镇安县委办公室" in _pdf_text(pdf) and "2024" in _pdf_text(pdf)
    assert not LedgerReport.objects.exists()  # a board's PDF is not kept as a report


def test_the_board_pdf_of_a_unit_out_of_scope_starts_nothing(world, client_for):
    response = client_for(world.secretary).post(reverse("ledger:report_now"), {"unit": world.office.pk, "p": "2024-Q1"})

    assert response.status_code in (403, 404) and not Job.objects.exists()
    assert client_for(world.reviewer).get(reverse("ledger:report_now")).status_code == 405


def test_the_monthly_reports_command_makes_one_report_per_county(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fill(world)
    out = io.StringIO()

    call_command("ledger_reports", "--month", "2024-03", stdout=out)

    assert "2 reports generated" in out.getvalue()
    assert set(LedgerReport.objects.values_list("unit__name", "kind", "period")) == {
        ("镇安县委办公室", "monthly", "2024-03"),
        ("碑林区委办公室", "monthly", "2024-03"),
    }


def test_the_scheduled_run_makes_last_months_and_in_january_last_years_reports():
    import datetime as dt

    from qingzhuang.ledger.tasks import due_periods

    assert [(k, p.key) for k, p in due_periods(dt.date(2026, 11, 1))] == [("monthly", "2026-10")]
    assert [(k, p.key) for k, p in due_periods(dt.date(2027, 1, 1))] == [("monthly", "2026-12"), ("annual", "2026")]

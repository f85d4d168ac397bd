import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from qingzhuang.ledger.tables import HEADER_ROW
from qingzhuang.ledger.tests.data import fill

pytestmark = pytest.mark.django_db


def _shown(value, number_format):
    """The text a spreadsheet shows for a cell, for the formats the export writes."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if "%" in number_format:
        decimals = len(number_format.split(";")[0].split(".")[1].rstrip("%")) if "." in number_format else 0
        return f"{'+' if value > 0 else ''}{value * 100:.{decimals}f}%"
    decimals = len(number_format.split(".")[1]) if "." in number_format else 0
    grouping = "," if number_format.startswith("#,##") else ""
    return f"{value:{grouping}.{decimals}f}"


def _html_table(content: str, key: str) -> list[list[str]]:
    body = content.split(f'data-table="{key}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    cells = [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, flags=re.S)] for r in rows]
    return cells


@pytest.mark.parametrize("key", ["summary", "issuers", "receivers", "heaviest", "trend"])
def test_every_board_table_exports_to_xlsx_with_the_same_rows_columns_and_numbers(world, client_for, key):
    fill(world)
    client = client_for(world.reviewer)
    query = {"unit": world.office.pk, "p": "2024", "m": "documents.received"}
    page = client.get(reverse("ledger:board"), query).content.decode()

    export = client.get(reverse("ledger:board"), {**query, "export": key})

    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=HEADER_ROW))
    exported = [[c.value for c in rows[0]]] + [[_shown(c.value, c.number_format) for c in r] for r in rows[1:]]
    assert exported == _html_table(page, key)
    assert len(exported) > 1


def test_the_community_page_tables_export_as_shown(world, client_for):
    fill(world)
    client = client_for(world.secretary)
    url = reverse("ledger:unit", args=[world.xincheng.pk])
    page = client.get(url, {"p": "2024"}).content.decode()

    for key in ("inputs", "by_issuer", "trend"):
        sheet = load_workbook(io.BytesIO(client.get(url, {"p": "2024", "export": key}).content)).active
        assert sheet is not None
        rows = list(sheet.iter_rows(min_row=HEADER_ROW))
        exported = [[c.value for c in rows[0]]] + [[_shown(c.value, c.number_format) for c in r] for r in rows[1:]]
        assert exported == _html_table(page, key), key


def test_the_summary_by_county_exports_as_shown(world, client_for):
    fill(world)
    client = client_for(world.admin)
    url = reverse("ledger:counties")
    page = client.get(url, {"p": "2024"}).content.decode()

    sheet = load_workbook(io.BytesIO(client.get(url, {"p": "2024", "export": "counties"}).content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=HEADER_ROW))
    exported = [[c.value for c in rows[0]]] + [[_shown(c.value, c.number_format) for c in r] for r in rows[1:]]
    assert exported == _html_table(page, "counties")
    assert len(exported) > 1

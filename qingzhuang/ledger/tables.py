"""Tables as shown on the boards, and their .xlsx export.

A page renders a ``Table`` and the export writes the very same object, so the spreadsheet has the
page's rows, columns and numbers (numbers are rounded once, here, to the decimals the page shows).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

NUMBER, PERCENT, TEXT = "number", "percent", "text"


class _Blank:
    """A cell with nothing to show (a month not reached yet): empty on the page and in the export."""

    def __repr__(self) -> str:
        return "BLANK"


BLANK: Any = _Blank()


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = TEXT
    decimals: int = 0

    @property
    def numeric(self) -> bool:
        return self.kind != TEXT


@dataclass(frozen=True)
class Cell:
    value: Any  # str, a number rounded to the column's decimals, a fraction for percent, or None
    text: str
    url: str = ""
    decimals: int = 0  # as shown; the export formats the cell the same way


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    note: str = ""

    def add(self, values: Sequence[Any], urls: Sequence[str] | None = None) -> None:
        urls = urls or [""] * len(values)
        self.rows.append([cell(col, value, url) for col, value, url in zip(self.columns, values, urls, strict=True)])

    def view_rows(self) -> list[list[tuple[Cell, str]]]:
        """Rows with the CSS class of each cell: numbers right-aligned, rises red, falls green."""
        found = []
        for row in self.rows:
            shown = []
            for column, c in zip(self.columns, row, strict=True):
                css = "num" if column.numeric else ""
                if column.kind == PERCENT and c.value:
                    css += " up" if c.value > 0 else " down"
                shown.append((c, css))
            found.append(shown)
        return found

    def column_values(self, index: int) -> list[Any]:
        return [row[index].value for row in self.rows]


def rounded(value: float | None, decimals: int) -> float | int | None:
    if value is None:
        return None
    return int(round(value)) if decimals == 0 else round(float(value), decimals)


def cell(column: Column, value: Any, url: str = "") -> Cell:
    if value is BLANK:
        return Cell(value=None, text="", url=url)
    if column.kind == TEXT:
        return Cell(value="" if value is None else str(value), text="" if value is None else str(value), url=url)
    if value is None:
        return Cell(value=None, text="—", url=url)
    if column.kind == PERCENT:
        # Rounded as shown, then once more as a fraction: -0.7% is -0.007, not -0.006999999999999999.
        fraction = round(round(float(value) * 100, column.decimals) / 100, column.decimals + 2)
        return Cell(value=fraction, text=percent_text(fraction, column.decimals), url=url, decimals=column.decimals)
    number = rounded(value, column.decimals)
    return Cell(value=number, text=f"{number:,.{column.decimals}f}", url=url, decimals=column.decimals)


def percent_text(fraction: float, decimals: int = 1) -> str:
    sign = "+" if fraction > 0 else ""
    return f"{sign}{fraction * 100:.{decimals}f}%"


def number_format(column: Column, decimals: int) -> str:
    zeros = "0." + "0" * decimals if decimals else "0"
    if column.kind == PERCENT:
        # "+17.6%" / "-17.6%" like the page.
        return f"+{zeros}%;-{zeros}%;{zeros}%"
    if column.kind == NUMBER:
        return "#,##" + zeros  # thousands grouped like the page: 1,707,024
    return "@"


def workbook_add(wb: Workbook, table: Table, *, subtitle: str = "") -> None:
    """Add ``table`` as a sheet: a title line, an optional subtitle, the header, the rows."""
    sheet = wb.create_sheet(title=_sheet_title(table.title, wb.sheetnames))
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([subtitle])
    sheet.append([c.label for c in table.columns])
    for col_index in range(1, len(table.columns) + 1):
        sheet.cell(row=3, column=col_index).font = Font(bold=True)
    for row in table.rows:
        sheet.append([c.value for c in row])
        excel_row = sheet.max_row
        for col_index, (column, c) in enumerate(zip(table.columns, row, strict=True), start=1):
            if column.numeric:
                sheet.cell(row=excel_row, column=col_index).number_format = number_format(column, c.decimals)
    for col_index, column in enumerate(table.columns, start=1):
        width = max([len(column.label) * 2 + 2, *(len(str(r[col_index - 1].text)) * 2 for r in table.rows[:200])])
        sheet.column_dimensions[get_column_letter(col_index)].width = min(60, max(10, width))
    sheet.freeze_panes = "A4"


# The header sits on row 3 of every sheet; data starts on row 4.
HEADER_ROW = 3


def tables_to_xlsx(tables: Iterable[Table], *, subtitle: str = "") -> bytes:
    wb = Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    for table in tables:
        workbook_add(wb, table, subtitle=subtitle)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str, taken: list[str]) -> str:
    clean = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28] or "Sheet"
    candidate, n = clean, 2
    while candidate in taken:
        candidate, n = f"{clean[:25]}({n})", n + 1
    return candidate

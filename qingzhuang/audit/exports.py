"""The filtered audit trail as .xlsx and .csv: the list page's rows and columns, streamed.

Both read the events with ``QuerySet.iterator`` and name references one batch at a time, so an
export of 100,000 events holds one batch in memory, never the whole trail.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator
from copy import copy
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from qingzhuang.audit.models import Event
from qingzhuang.audit.selectors import COLUMNS, EventPresenter

CHUNK = 2000
# Leave the header row inside Excel's 1,048,576-row sheet.
MAX_ROWS = 1_048_575
COLUMN_WIDTHS = (20, 22, 10, 14, 28, 22, 60, 24)
# A leading =, +, - or @ makes a spreadsheet read a cell as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header() -> list[str]:
    return [str(c) for c in COLUMNS]


def export_rows(user: Any, events: QuerySet[Event]) -> Iterator[list[str]]:
    presenter = EventPresenter(user)
    # No joins: the presenter names actors and units from a small cache instead.
    stream = events.select_related(None)[:MAX_ROWS].iterator(chunk_size=CHUNK)
    for row in presenter.iter_rows(stream, batch_size=CHUNK):
        yield row.cells()


def _filename(ext: str) -> str:
    return f"audit-{timezone.localtime():%Y%m%d-%H%M}.{ext}"


def write_xlsx(user: Any, events: QuerySet[Event], target: Any) -> int:
    """Write the workbook to ``target`` (a path or binary file); returns the number of event rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=gettext("Audit trail")[:31])
    for index, width in enumerate(COLUMN_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    head = []
    for title in header():
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        head.append(cell)
    sheet.append(head)
    # Styles are set once on two model cells and copied: assigning a style per cell hashes it every time.
    top = WriteOnlyCell(sheet)
    top.alignment = Alignment(vertical="top")
    wrap = WriteOnlyCell(sheet)
    wrap.alignment = Alignment(wrap_text=True, vertical="top")
    count = 0
    for values in export_rows(user, events):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
            # Text stays text: a value starting with "=" must not become a formula.
            cell.data_type = "s"
            cell._style = copy((wrap if "\n" in value else top)._style)  # type: ignore[attr-defined]
            cells.append(cell)
        sheet.append(cells)
        count += 1
    workbook.save(target)
    return count


def xlsx_response(user: Any, events: QuerySet[Event]) -> FileResponse:
    # The workbook is assembled in a temporary file (openpyxl's write-only mode spools rows to disk too);
    # the response closes it once sent.
    spool = tempfile.TemporaryFile()  # noqa: SIM115
    write_xlsx(user, events, spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=_filename("xlsx"), content_type=XLSX_TYPE)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_safe(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_lines(user: Any, events: QuerySet[Event], language: str) -> Iterator[str]:
    # The response is consumed after the view returns: keep the reader's language while it streams.
    with translation.override(language):
        writer = csv.writer(_Echo())
        # UTF-8 with a byte-order mark, so Excel opens Chinese text correctly.
        yield "\ufeff"
        yield writer.writerow(header())
        for values in export_rows(user, events):
            yield writer.writerow([_csv_safe(v) for v in values])


def csv_response(user: Any, events: QuerySet[Event]) -> StreamingHttpResponse:
    language = translation.get_language() or "zh-hans"
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in csv_lines(user, events, language)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response

"""The filtered audit trail as .xlsx and .csv: the list page's rows and columns, streamed.

A large .xlsx (more than INLINE_XLSX_ROWS events) is written by a background job with progress: the
workbook must be complete before its first byte is sent, and 100,000 events take over a minute.

Both read the events with ``QuerySet.iterator`` and name references one batch at a time, so an
export of 100,000 events holds one batch in memory, never the whole trail.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable, Iterator
from copy import copy
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, QueryDict, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from qingzhuang.audit.forms import EventFilterForm
from qingzhuang.audit.models import Event
from qingzhuang.audit.selectors import COLUMNS, VIEW, EventPresenter, event_search, latest_event_id
from qingzhuang.audit.services import audit_trail_exported
from qingzhuang.jobs.models import Job
from qingzhuang.jobs.services import job_attach_file, job_progress, job_start
from qingzhuang.org import access
from qingzhuang.org.models import User

CHUNK = 2000
# Above this many events the .xlsx is made by a background job (measured: ~1 s per 1,000 events).
INLINE_XLSX_ROWS = 5000
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


def write_xlsx(user: Any, events: QuerySet[Event], target: Any, progress: Callable[[int], Any] | None = None) -> int:
    """Write the workbook to ``target`` (a path or binary file); returns the number of event rows.

    ``progress(rows_so_far)`` is called every CHUNK rows (a background export shows it).
    """
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
        if progress is not None and count % CHUNK == 0:
            progress(count)
    workbook.save(target)
    return count


def xlsx_response(user: Any, events: QuerySet[Event]) -> FileResponse:
    # The workbook is assembled in a temporary file (openpyxl's write-only mode spools rows to disk too);
    # the response closes it once sent.
    spool = tempfile.TemporaryFile()  # noqa: SIM115
    write_xlsx(user, events, spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=_filename("xlsx"), content_type=XLSX_TYPE)


def xlsx_export(*, user: Any, events: QuerySet[Event], query: str) -> FileResponse | Job:
    """The trail as it stood at the click, as .xlsx: sent at once when small, else made by a background job.

    The export is itself recorded (with its filters and rows), after the snapshot, so it is not in itself.
    """
    upto = latest_event_id()
    events = events.filter(id__lte=upto)
    count = events.count()
    if count > INLINE_XLSX_ROWS:
        payload = {"user_id": user.pk, "query": query, "upto": upto}
        return job_start(actor=user, kind="audit.export", func="qingzhuang.audit.exports.export_job", payload=payload)
    response = xlsx_response(user, events)
    audit_trail_exported(actor=user, fmt="xlsx", query=query, rows=count)
    return response


def csv_export(*, user: Any, events: QuerySet[Event], query: str) -> StreamingHttpResponse:
    """The trail as it stood at the click, streamed as .csv; the export is recorded before the stream starts."""
    events = events.filter(id__lte=latest_event_id())
    audit_trail_exported(actor=user, fmt="csv", query=query, rows=min(events.count(), MAX_ROWS))
    return csv_response(user, events)


def export_job(job: Any, *, user_id: int, query: str, upto: int | None = None) -> dict[str, Any]:
    """A jobs-system function: the filtered trail as .xlsx in the background (exports too big to wait for).

    The reader's filters travel as the list page's query string and are read again here, through the same
    form and scope, as the person who asked.
    """
    user = User.objects.get(pk=user_id)
    access.require(user, VIEW)
    events = event_search(user=user, filters=EventFilterForm(QueryDict(query), user=user).filters())
    if upto is not None:
        events = events.filter(id__lte=upto)  # the trail as it stood when the export was asked for
    total = min(events.count(), MAX_ROWS)
    job_progress(job, 0, total, gettext("Writing the spreadsheet"), force=True)
    with tempfile.TemporaryFile() as spool:
        count = write_xlsx(user, events, spool, progress=lambda done: job_progress(job, done, total, gettext("Writing the spreadsheet")))
        spool.seek(0)
        job_attach_file(job, filename=_filename("xlsx"), content=spool.read())
    audit_trail_exported(actor=user, fmt="xlsx", query=query, rows=count)
    job_progress(job, count, max(total, count), gettext("%(rows)s events written") % {"rows": count}, force=True)
    return {"rows": count}


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

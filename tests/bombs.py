"""Hostile files for tests and the upload bench: real zip bombs (honest or lying headers), big sheets, and
a way to measure this process's peak memory growth (C allocations included, unlike tracemalloc)."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

MB = 1024 * 1024
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOC_HEAD = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}"><w:body>').encode()
DOC_PARAGRAPH = "<w:p><w:r><w:t>关于做好冬季安全生产工作的通知</w:t></w:r></w:p>".encode()
DOC_TAIL = b"</w:body></w:document>"
SST_HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
SST_ENTRY = b"<si><t>a</t></si>"
SST_TAIL = b"</sst>"


def _peak_kib() -> int:
    with open("/proc/self/status") as status:
        return int(re.search(r"VmHWM:\s+(\d+)", status.read()).group(1))  # type: ignore[union-attr]


def _current_kib() -> int:
    with open("/proc/self/status") as status:
        return int(re.search(r"VmRSS:\s+(\d+)", status.read()).group(1))  # type: ignore[union-attr]


@dataclass
class Peak:
    growth_mb: float = 0.0


@contextmanager
def peak_memory() -> Iterator[Peak]:
    """Measure how far this process's resident memory rose above where it stood (Linux: reset VmHWM)."""
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
    start = _current_kib()
    peak = Peak()
    try:
        yield peak
    finally:
        peak.growth_mb = (_peak_kib() - start) / 1024


def _filler(size: int, unit: bytes) -> Iterator[bytes]:
    block = unit * (MB // len(unit))  # whole units only, so the XML stays well formed
    for _ in range(max(1, size // len(block))):
        yield block


def replace_member(base: bytes, name: str, head: bytes, filler: bytes | Iterator[bytes], size: int, tail: bytes) -> bytes:
    """A copy of the zip ``base`` whose member ``name`` is head + filler + tail, streamed.

    ``filler`` is a unit repeated to about ``size`` bytes, or an iterator of pieces written as they come.
    """
    out = io.BytesIO()
    pieces = _filler(size, filler) if isinstance(filler, bytes) else filler
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info, src.read(info))
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w") as member:
            member.write(head)
            for piece in pieces:
                member.write(piece)
            member.write(tail)
    return out.getvalue()


def lie_about_size(data: bytes, name: str, declared: int) -> bytes:
    """The zip with ``name``'s uncompressed size set to ``declared`` in both its local and central headers."""
    buf = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
    struct.pack_into("<L", buf, info.header_offset + 22, declared)
    raw_name = name.encode()
    at = 0
    while True:
        at = buf.find(b"PK\x01\x02", at)
        if at < 0:
            raise ValueError(name)
        name_len = struct.unpack_from("<H", buf, at + 28)[0]
        if bytes(buf[at + 46 : at + 46 + name_len]) == raw_name:
            struct.pack_into("<L", buf, at + 24, declared)
            return bytes(buf)
        at += 4


def small_docx(text: str = "关于做好冬季安全生产工作的通知") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@lru_cache(maxsize=8)  # building one costs seconds of deflate; tests reuse them
def docx_bomb(inflated_mb: int, *, lying: bool = False) -> bytes:
    """A real .docx whose word/document.xml inflates to ``inflated_mb`` MB of short paragraphs."""
    data = replace_member(small_docx(), "word/document.xml", DOC_HEAD, DOC_PARAGRAPH, inflated_mb * MB, DOC_TAIL)
    return lie_about_size(data, "word/document.xml", 4096) if lying else data


def small_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "人员"
    sheet.append(["姓名", "类别", "所属单位"])
    sheet.append(["张三", "干部", "新渭路社区"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with_shared_strings(data: bytes) -> bytes:
    """The workbook with a sharedStrings part announced (openpyxl writes inline strings and none)."""
    out = io.BytesIO()
    rel = (b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
           b'Target="sharedStrings.xml" Id="rId99"/></Relationships>')
    override = (b'<Override PartName="/xl/sharedStrings.xml" '
                b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/_rels/workbook.xml.rels":
                body = body.replace(b"</Relationships>", rel)
            elif info.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", override)
            dst.writestr(info, body)
    return out.getvalue()


@lru_cache(maxsize=8)
def xlsx_bomb(inflated_mb: int, *, lying: bool = False) -> bytes:
    """A real .xlsx whose shared strings inflate to ``inflated_mb`` MB of short strings (openpyxl keeps them all in memory)."""
    data = replace_member(_with_shared_strings(small_xlsx()), "xl/sharedStrings.xml", SST_HEAD, SST_ENTRY, inflated_mb * MB, SST_TAIL)
    return lie_about_size(data, "xl/sharedStrings.xml", 4096) if lying else data


def _cells(*values: str) -> str:
    return "".join(f'<c t="inlineStr"><is><t>{value}</t></is></c>' for value in values)


def people_sheet(rows: int, unit: str = "新渭路社区") -> bytes:
    """An .xlsx whose 人员 sheet has a header and ``rows`` people, its XML streamed straight into the zip."""

    def body() -> Iterator[bytes]:
        batch: list[str] = [f'<row r="1">{_cells("姓名", "类别", "所属单位")}</row>']
        for number in range(2, rows + 2):
            batch.append(f'<row r="{number}">{_cells(f"居民{number}", "志愿者", unit)}</row>')
            if len(batch) >= 5000:
                yield "".join(batch).encode()
                batch = []
        yield "".join(batch).encode()

    head = b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    return replace_member(small_xlsx(), "xl/worksheets/sheet1.xml", head, body(), 0, b"</sheetData></worksheet>")

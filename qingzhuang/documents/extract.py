"""Read a document's text from an uploaded .docx, .pdf or .txt file, within bounds.

A file is judged by its content, not its name; a .docx is checked as a zip (qingzhuang.lib.zip_limits)
before it is read, and its text is streamed out of word/document.xml, stopping at the length limit.
Every refusal says what is wrong with the file and what to do, never the name of a library's exception.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath
from typing import Any

from django.conf import settings
from lxml import etree

from qingzhuang.documents import errors
from qingzhuang.documents.errors import DocumentInvalid
from qingzhuang.lib import zip_limits

ALLOWED = (".docx", ".pdf", ".txt")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Control characters a text layer may carry but no document means (tab and newline are kept).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class _TooLong(Exception):
    pass


def _shown(name: str) -> str:
    shown = PurePath(name).name or name
    return shown if len(shown) <= 60 else shown[:57] + "…"


def _limits() -> zip_limits.ZipLimits:
    return zip_limits.ZipLimits(
        member_bytes=settings.QZ_UPLOAD_MEMBER_MAX_BYTES,
        total_bytes=settings.QZ_UPLOAD_INFLATED_MAX_BYTES,
        members=settings.QZ_UPLOAD_ZIP_MAX_MEMBERS,
    )


def text_from_upload(*, name: str, data: bytes) -> str:
    """The text of an uploaded file; a clear error when it cannot be read or is out of bounds."""
    ext = PurePath(name).suffix.lower()
    shown = _shown(name)
    if ext not in ALLOWED:
        raise DocumentInvalid("file_kind", errors.FILE_KIND % {"ext": (ext or shown)[:20]}, "file")
    if len(data) > settings.QZ_UPLOAD_MAX_BYTES:
        raise DocumentInvalid("file_too_large", errors.FILE_TOO_LARGE % {"name": shown, "mb": settings.QZ_UPLOAD_MAX_BYTES // (1024 * 1024)}, "file")
    limit = settings.QZ_UPLOAD_TEXT_MAX_CHARS
    try:
        if ext == ".docx":
            text = _docx_text(data, shown, limit)
        elif ext == ".pdf":
            text = _pdf_text(data, shown, limit)
        else:
            text = _txt_text(data, shown)
    except _TooLong:
        raise DocumentInvalid("text_too_long", errors.FILE_TEXT_TOO_LONG % {"name": shown, "max": f"{limit:,}"}, "file") from None
    except DocumentInvalid:
        raise
    except Exception as exc:  # a broken file raises anything from zipfile, lxml or pypdf
        raise DocumentInvalid("file_unreadable", errors.FILE_UNREADABLE % {"name": shown}, "file") from exc
    text = _CONTROL.sub("", text)
    text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()
    if not text:
        raise DocumentInvalid("file_empty", errors.FILE_EMPTY % {"name": shown}, "file")
    if len(text) > limit:
        raise DocumentInvalid("text_too_long", errors.FILE_TEXT_TOO_LONG % {"name": shown, "max": f"{limit:,}"}, "file")
    return text


def _docx_text(data: bytes, shown: str, limit: int) -> str:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentInvalid("file_unreadable", errors.FILE_OLD_DOC % {"name": shown}, "file")
    if not data.startswith(b"PK\x03\x04"):
        raise DocumentInvalid("file_unreadable", errors.FILE_NOT_DOCX % {"name": shown}, "file")
    stream = io.BytesIO(data)
    try:
        zip_limits.zip_check(stream, _limits())
    except zip_limits.ZipRefused as exc:
        if exc.reason in (zip_limits.MEMBER_TOO_LARGE, zip_limits.TOTAL_TOO_LARGE, zip_limits.SIZE_MISMATCH, zip_limits.TOO_MANY_MEMBERS):
            limit_bytes = settings.QZ_UPLOAD_INFLATED_MAX_BYTES if exc.reason == zip_limits.TOTAL_TOO_LARGE else settings.QZ_UPLOAD_MEMBER_MAX_BYTES
            mb = limit_bytes // (1024 * 1024)
            raise DocumentInvalid("file_too_large", errors.FILE_BOMB % {"name": shown, "mb": mb}, "file") from exc
        raise DocumentInvalid("file_unreadable", errors.FILE_DOCX_DAMAGED % {"name": shown}, "file") from exc
    with zipfile.ZipFile(stream) as archive:
        try:
            part = archive.open("word/document.xml")
        except KeyError:
            raise DocumentInvalid("file_unreadable", errors.FILE_NOT_DOCX % {"name": shown}, "file") from None
        with part:
            return _paragraphs(part, limit)


def _paragraphs(part: Any, limit: int) -> str:
    """Stream the body's paragraphs in order; a table row becomes one line of tab-separated cells."""
    lines: list[str] = []
    size = 0
    runs: list[str] = []
    cells: list[list[str]] = []  # one list of paragraphs per open table cell (tables nest)
    rows: list[list[str]] = []
    parser = etree.iterparse(
        part, events=("start", "end"), resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    for event, element in parser:
        tag = element.tag
        if event == "start":
            if tag == f"{_W}tr":
                rows.append([])
            elif tag == f"{_W}tc":
                cells.append([])
            continue
        if tag == f"{_W}t":
            runs.append(element.text or "")
        elif tag == f"{_W}tab":
            runs.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            runs.append("\n")
        elif tag == f"{_W}p":
            text = "".join(runs)
            runs = []
            size += len(text) + 1
            if size > limit:
                raise _TooLong
            (cells[-1] if cells else lines).append(text)
        elif tag == f"{_W}tc" and cells:
            text = " ".join(p for p in cells.pop() if p)
            if rows:
                rows[-1].append(text)
        elif tag == f"{_W}tr" and rows:
            line = "\t".join(rows.pop())
            (cells[-1] if cells else lines).append(line)
        else:
            continue
        # Done with this element: free it and the siblings already read, so memory stays flat.
        if tag in (f"{_W}p", f"{_W}tr", f"{_W}tbl"):
            element.clear()
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]
    return "\n".join(lines)


def _pdf_text(data: bytes, shown: str, limit: int) -> str:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    if b"%PDF-" not in data[:1024]:
        raise DocumentInvalid("file_unreadable", errors.FILE_NOT_PDF % {"name": shown}, "file")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise DocumentInvalid("file_unreadable", errors.FILE_PDF_ENCRYPTED % {"name": shown}, "file")
        pages: list[str] = []
        size = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            size += len(text) + 1
            if size > limit:
                raise _TooLong
            pages.append(text)
    except (DocumentInvalid, _TooLong):
        raise
    except FileNotDecryptedError as exc:
        raise DocumentInvalid("file_unreadable", errors.FILE_PDF_ENCRYPTED % {"name": shown}, "file") from exc
    except Exception as exc:  # pypdf raises many kinds of errors on a damaged file
        raise DocumentInvalid("file_unreadable", errors.FILE_PDF_DAMAGED % {"name": shown}, "file") from exc
    return "\n".join(pages)


def _txt_text(data: bytes, shown: str) -> str:
    if b"\x00" in data[:4096]:  # a binary file (a picture, a .doc) renamed to .txt
        raise DocumentInvalid("file_unreadable", errors.FILE_TXT_ENCODING % {"name": shown}, "file")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentInvalid("file_unreadable", errors.FILE_TXT_ENCODING % {"name": shown}, "file")

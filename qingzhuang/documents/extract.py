"""Read a document's text from an uploaded .docx, .pdf or .txt file."""

from __future__ import annotations

import io
from pathlib import PurePath

from django.conf import settings

from qingzhuang.documents import errors
from qingzhuang.documents.errors import DocumentInvalid

ALLOWED = (".docx", ".pdf", ".txt")


def text_from_upload(*, name: str, data: bytes) -> str:
    """The text of an uploaded file; a clear error when it cannot be read."""
    ext = PurePath(name).suffix.lower()
    if ext not in ALLOWED:
        raise DocumentInvalid("file_kind", errors.FILE_KIND % {"ext": ext or name}, "file")
    if len(data) > settings.QZ_UPLOAD_MAX_BYTES:
        raise DocumentInvalid("file_too_large", errors.FILE_TOO_LARGE % {"mb": settings.QZ_UPLOAD_MAX_BYTES // (1024 * 1024)}, "file")
    try:
        if ext == ".docx":
            text = _docx_text(data)
        elif ext == ".pdf":
            text = _pdf_text(data)
        else:
            text = _txt_text(data)
    except DocumentInvalid:
        raise
    except Exception as exc:  # a broken file raises anything from zipfile, lxml or pypdf
        raise DocumentInvalid("file_unreadable", errors.FILE_UNREADABLE % {"name": name, "detail": type(exc).__name__}, "file") from exc
    text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()
    if not text:
        raise DocumentInvalid("file_empty", errors.FILE_EMPTY % {"name": name}, "file")
    return text


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _txt_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentInvalid("file_unreadable", errors.FILE_UNREADABLE % {"name": "txt", "detail": "encoding"}, "file")

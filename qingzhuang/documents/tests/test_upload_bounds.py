"""Hostile and broken uploads on the drafting page: a clear Chinese message, nothing written, memory flat."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from qingzhuang.audit.models import Event as AuditEvent
from qingzhuang.documents.errors import DocumentInvalid
from qingzhuang.documents.extract import text_from_upload
from qingzhuang.documents.models import Document
from tests import bombs

pytestmark = pytest.mark.django_db

# The names a message must never show: a library's exception or a codec.
TECHNICAL = re.compile(r"Error|Exception|BadZip|PdfStream|encoding|Traceback|lxml|zipfile", re.IGNORECASE)
MEMORY_BOUND_MB = 60


def _refused(name: str, data: bytes) -> DocumentInvalid:
    with pytest.raises(DocumentInvalid) as err:
        text_from_upload(name=name, data=data)
    assert err.value.field == "file"
    assert not TECHNICAL.search(err.value.message), err.value.message
    return err.value


def _post_draft(world, client_for, upload):
    return client_for(world.clerk).post("/documents/new/", {
        "issuer": world.civil_affairs.pk, "title": "关于做好冬季安全生产工作的通知", "kind": "red_head",
        "recipients": [world.xincheng.pk], "file": upload,
    })


@pytest.mark.parametrize("lying", [False, True], ids=["honest header", "lying header"])
def test_a_docx_bomb_is_refused_with_a_clear_message_and_memory_stays_flat(lying):
    data = bombs.docx_bomb(300, lying=lying)  # 300 MB of document.xml in a file of a few hundred KB

    with bombs.peak_memory() as peak:
        err = _refused("通知.docx", data)

    assert err.code == "file_too_large"
    assert "通知.docx" in err.message and "解压后超过 50 MB" in err.message and "重新保存" in err.message
    assert peak.growth_mb < MEMORY_BOUND_MB


def test_a_docx_bomb_uploaded_on_the_drafting_page_writes_nothing(world, client_for):
    data = bombs.docx_bomb(300, lying=True)
    events = AuditEvent.objects.count()

    with bombs.peak_memory() as peak:
        response = _post_draft(world, client_for, SimpleUploadedFile("冬季安全.docx", data))

    assert response.status_code == 400
    assert "解压后超过 50 MB" in response.content.decode()
    assert not Document.objects.exists() and AuditEvent.objects.count() == events
    assert peak.growth_mb < MEMORY_BOUND_MB


def test_a_docx_within_the_zip_bounds_whose_text_is_too_long_is_stopped_while_reading(settings):
    # 40 MB of short paragraphs: under the 50 MB member bound, millions of characters of text.
    data = bombs.docx_bomb(40)

    with bombs.peak_memory() as peak:
        err = _refused("汇编.docx", data)

    assert err.code == "text_too_long" and "200,000" in err.message
    assert peak.growth_mb < MEMORY_BOUND_MB


def test_an_upload_larger_than_the_limit_is_refused_without_reading_the_rest(world, client_for, settings):
    settings.QZ_UPLOAD_MAX_BYTES = 1024 * 1024
    response = _post_draft(world, client_for, SimpleUploadedFile("大文件.txt", "通知".encode() * 400_000))

    assert response.status_code == 400 and "超过 1 MB" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("通知.docx", "这其实是一份文本文件。".encode(), "不是 Word 文档"),
        ("通知.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 200, "旧版 Word 文件"),
        ("通知.docx", bombs.small_docx()[:3000], "已损坏"),
        ("通知.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40, "已损坏"),
        ("通知.pdf", "这其实是一份文本文件。".encode(), "不是 PDF 文件"),
        ("通知.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4, "不是 UTF-8 或 GB18030 编码的纯文本"),
    ],
    ids=["text named .docx", "old .doc named .docx", "truncated docx", "garbage pdf", "text named .pdf", "picture named .txt"],
)
def test_a_file_that_is_not_what_its_name_says_gets_a_message_saying_what_to_do(name, data, expected):
    err = _refused(name, data)

    assert err.code == "file_unreadable"
    assert expected in err.message and name in err.message


def test_a_text_file_named_jpg_is_refused_by_kind():
    err = _refused("照片.jpg", "一段文字".encode())

    assert err.code == "file_kind" and ".jpg" in err.message


def test_a_garbage_pdf_on_the_drafting_page_shows_the_message_and_writes_nothing(world, client_for):
    response = _post_draft(world, client_for, SimpleUploadedFile("通知.pdf", b"%PDF-1.4\n1 0 obj << /Length 99999 >> stream\n\x00\x01garbage"))

    html = response.content.decode()
    assert response.status_code == 400 and "已损坏" in html
    assert "PdfStream" not in html and "PdfReadError" not in html
    assert not Document.objects.exists()


def test_an_ordinary_docx_with_a_table_keeps_paragraphs_and_rows_in_order():
    import docx

    document = docx.Document()
    document.add_paragraph("一、工作安排")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "单位", "时间"
    table.cell(1, 0).text, table.cell(1, 1).text = "民政局", "12月1日"
    document.add_paragraph("二、工作要求")
    buffer = io.BytesIO()
    document.save(buffer)

    assert text_from_upload(name="通知.docx", data=buffer.getvalue()) == "一、工作安排\n单位\t时间\n民政局\t12月1日\n二、工作要求"

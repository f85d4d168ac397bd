import io

import pytest

from qingzhuang.documents.errors import DocumentInvalid
from qingzhuang.documents.extract import text_from_upload

pytestmark = pytest.mark.django_db

BODY = "关于做好冬季安全生产工作的通知\n各镇人民政府、街道办事处：为切实做好冬季安全生产工作，现通知如下。"


def test_text_is_read_from_a_docx_file():
    import docx

    document = docx.Document()
    for line in BODY.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    assert text_from_upload(name="通知.docx", data=buffer.getvalue()) == BODY


def test_text_is_read_from_a_pdf_made_by_weasyprint():
    from weasyprint import HTML

    pdf = HTML(string=f"<html><body><p>{BODY.replace(chr(10), '</p><p>')}</p></body></html>").write_pdf()
    text = text_from_upload(name="通知.pdf", data=pdf)
    assert "冬季安全生产工作" in text and "各镇人民政府" in text


def test_text_is_read_from_a_gb18030_txt_file():
    assert text_from_upload(name="通知.txt", data=BODY.encode("gb18030")) == BODY


def test_an_unreadable_file_gives_a_clear_error_naming_it():
    with pytest.raises(DocumentInvalid) as err:
        text_from_upload(name="坏文件.docx", data=b"this is not a zip")
    assert err.value.code == "file_unreadable" and "坏文件.docx" in err.value.message and err.value.field == "file"


def test_another_kind_of_file_is_refused():
    with pytest.raises(DocumentInvalid) as err:
        text_from_upload(name="通知.wps", data=b"...")
    assert err.value.code == "file_kind"


def test_a_pdf_without_text_says_so():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(DocumentInvalid) as err:
        text_from_upload(name="扫描件.pdf", data=buffer.getvalue())
    assert err.value.code == "file_empty"


def test_the_clerk_uploads_a_docx_on_the_drafting_page(world, client_for):
    import docx

    from qingzhuang.documents.models import Document

    document = docx.Document()
    document.add_paragraph(BODY)
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.name = "冬季安全.docx"
    buffer.seek(0)
    response = client_for(world.clerk).post("/documents/new/", {
        "issuer": world.civil_affairs.pk, "title": "关于做好冬季安全生产工作的通知", "kind": "red_head",
        "recipients": [world.xincheng.pk], "file": buffer,
    })
    assert response.status_code == 302, response.content.decode()
    doc = Document.objects.get()
    assert doc.text == BODY and doc.source_file == "冬季安全.docx" and doc.chars > 30

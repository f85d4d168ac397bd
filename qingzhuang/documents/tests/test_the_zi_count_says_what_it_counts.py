"""The 字 count says what it counts (Chinese characters only) and groups thousands: 正文 4,812 字."""

import re

import pytest

from qingzhuang.documents import services

pytestmark = pytest.mark.django_db


def test_the_document_page_counts_chinese_characters_only_and_says_so(world, client_for):
    # 4,812 Chinese characters, plus digits, Latin letters, punctuation and spaces that are not counted.
    text = "做好社区养老服务工作" * 481 + "落实" + "，。；2026 ABC\n" * 30
    doc = services.document_create(actor=world.clerk, issuer=world.civil_affairs, title="关于做好养老服务工作的通知", text=text)

    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client_for(world.clerk).get(f"/documents/{doc.pk}/").content.decode()))

    assert doc.chars == 4812
    assert "正文 4,812 字" in page
    assert "只计汉字，不含数字、字母、标点和空白" in page


def test_the_document_list_groups_thousands_in_the_zi_column(world, client_for):
    services.document_create(actor=world.clerk, issuer=world.civil_affairs, title="长文", text="字" * 12345)

    page = client_for(world.clerk).get("/documents/").content.decode()

    assert "12,345" in page and "12345" not in page

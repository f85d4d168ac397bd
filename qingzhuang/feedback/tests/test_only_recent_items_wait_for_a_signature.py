"""A community is asked to sign for what reached it recently, not for years of history."""

import datetime as dt

import pytest

from qingzhuang.feedback.models import ItemType
from qingzhuang.feedback.selectors import unsigned_count
from qingzhuang.feedback.services import receipt_sign
from qingzhuang.feedback.testing import issued_document

pytestmark = pytest.mark.django_db


def test_documents_issued_before_the_signing_window_are_not_counted_as_waiting(world, settings, client_for):
    settings.QZ_TODAY = dt.date(2026, 11, 27)
    settings.QZ_SIGN_WINDOW_DAYS = 30
    recent = issued_document(world, title="关于做好冬季困难群众救助工作的通知")  # issued 2026-11-20
    old = issued_document(world, title="关于开展春季爱国卫生运动的通知")
    type(old).objects.filter(pk=old.pk).update(issued_on=dt.date(2026, 3, 2))

    assert unsigned_count(user=world.secretary, unit=world.xincheng) == 1
    page = client_for(world.secretary).get(f"/feedback/?unit={world.xincheng.pk}").content.decode()
    assert "近 30 天收到的事项中，还有 1 项未签收" in page

    receipt_sign(actor=world.secretary, unit=world.xincheng, item_type=ItemType.DOCUMENT, item_id=recent.pk)

    assert unsigned_count(user=world.secretary, unit=world.xincheng) == 0


def test_a_longer_window_counts_the_older_document_too(world, settings):
    settings.QZ_TODAY = dt.date(2026, 11, 27)
    settings.QZ_SIGN_WINDOW_DAYS = 365
    issued_document(world, title="关于做好冬季困难群众救助工作的通知")
    old = issued_document(world, title="关于开展春季爱国卫生运动的通知")
    type(old).objects.filter(pk=old.pk).update(issued_on=dt.date(2026, 3, 2))

    assert unsigned_count(user=world.secretary, unit=world.xincheng) == 2

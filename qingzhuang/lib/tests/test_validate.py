import pytest
from django.db import models

from qingzhuang.lib import validate
from qingzhuang.lib.errors import DomainError


class Thing(models.Model):
    title = models.CharField("标题", max_length=10)
    note = models.TextField("备注", blank=True)
    kind = models.CharField("类别", max_length=10, choices=[("a", "甲"), ("b", "乙")])
    count = models.PositiveIntegerField("人数")
    year = models.PositiveSmallIntegerField("年度", null=True)

    class Meta:
        app_label = "lib_tests"

    def __str__(self) -> str:
        return self.title


class ThingInvalid(DomainError):
    status = 400


def _refusal(values, **kwargs):
    with pytest.raises(ThingInvalid) as err:
        validate.clean_values(Thing, values, error=ThingInvalid, **kwargs)
    return err.value


def test_good_values_are_returned_trimmed():
    assert validate.clean_values(Thing, {"title": "\u3000通知\u200b", "note": " 第一行\r\n第二行 ", "kind": "a", "count": "12"}) == {
        "title": "通知", "note": "第一行\n第二行", "kind": "a", "count": 12,
    }


def test_a_value_that_is_not_a_field_passes_through_untouched():
    assert validate.clean_values(Thing, {"recipients": [1, 2]}) == {"recipients": [1, 2]}


@pytest.mark.parametrize(
    ("values", "code", "field", "words"),
    [
        ({"title": "\u3000\u00a0\u200b"}, validate.REQUIRED, "title", "请填写标题"),
        ({"title": "通知" * 6}, validate.TOO_LONG, "title", "标题最多 10 个字符"),
        ({"title": "通\x00知"}, validate.UNSTORABLE, "title", "标题含有无法保存的字符"),
        ({"note": "a\ud800b"}, validate.UNSTORABLE, "note", "备注"),
        ({"note": "长" * 20_001}, validate.TOO_LONG, "note", "20,000"),
        ({"kind": "bogus<script>"}, validate.NOT_A_CHOICE, "kind", "甲、乙"),
        ({"count": 99999999999999999999999}, validate.OUT_OF_RANGE, "count", "2,147,483,647"),
        ({"count": -1}, validate.OUT_OF_RANGE, "count", "人数"),
        ({"count": "十二"}, validate.NOT_A_NUMBER, "count", "人数须为整数"),
        ({"count": True}, validate.NOT_A_NUMBER, "count", "人数"),
        ({"year": 40000}, validate.OUT_OF_RANGE, "year", "年度"),
    ],
)
def test_a_bad_value_is_refused_with_a_chinese_message_naming_the_field(values, code, field, words):
    err = _refusal(values)

    assert (err.code, err.field) == (code, field)
    assert words in err.message, err.message


def test_a_domain_range_is_tighter_than_the_column():
    err = _refusal({"count": 100_000}, ranges={"count": (0, 1000)})

    assert err.code == validate.OUT_OF_RANGE and "0 到 1,000" in err.message


def test_a_nullable_number_may_be_none_and_an_optional_text_blank():
    assert validate.clean_values(Thing, {"year": None, "title": "\u3000"}, optional=["title"]) == {"year": None, "title": ""}


def test_a_refused_choice_never_carries_a_lone_surrogate_into_the_message():
    err = _refusal({"kind": "\ud800x"})

    err.message.encode("utf-8")

"""A typed answer checked against its field's type and unit of measure: the value as stored, or an error."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from qingzhuang.forms import errors
from qingzhuang.forms.errors import FormsError
from qingzhuang.forms.matching import unit_dimension
from qingzhuang.lib.chinese_text import clean_text, has_unstorable, is_blank
from qingzhuang.lib.validate import TOO_LONG, TOO_LONG_MESSAGE, UNSTORABLE, UNSTORABLE_MESSAGE

# No count a community gives is this large (a province has ~10^8 people); past it is a typo or an attack.
NUMBER_MAX = Decimal("1000000000000")
TEXT_MAX = 300
YES = {"是", "有", "yes", "y", "true", "1"}
NO = {"否", "无", "没有", "no", "n", "false", "0"}
_TRAILING_UNIT = re.compile(r"^([+-]?[\d,，.]+)\s*(\D{1,6})$")


def value_clean(field: Any, raw: Any, *, required: bool = True) -> str:
    """The stored text of an answer to ``field`` (a FormField or MasterField); "" when blank and not required."""
    name = field.name
    text = "" if raw is None else str(raw)
    if has_unstorable(text):
        raise FormsError(UNSTORABLE, UNSTORABLE_MESSAGE % {"field": name}, f"field_{getattr(field, 'pk', '')}")
    text = clean_text(text)
    if is_blank(text):
        if required:
            raise FormsError("value_required", errors.VALUE_REQUIRED % {"name": name}, _loc(field))
        return ""
    kind = field.type
    unit = field.unit or "—"
    if kind in ("integer", "decimal"):
        return _number(field, text, integer=kind == "integer", unit=unit)
    if kind == "yes_no":
        folded = text.lower()
        if folded in YES:
            return "是"
        if folded in NO:
            return "否"
        raise FormsError("value_not_yes_no", errors.VALUE_NOT_YES_NO % {"name": name}, _loc(field))
    if kind == "date":
        try:
            return dt.date.fromisoformat(text[:10] if len(text) <= 30 else "x").isoformat()
        except ValueError:
            raise FormsError("value_not_date", errors.VALUE_NOT_DATE % {"name": name}, _loc(field)) from None
    if len(text) > TEXT_MAX:
        raise FormsError(TOO_LONG, TOO_LONG_MESSAGE % {"field": name, "max": TEXT_MAX, "length": f"{len(text):,}"}, _loc(field))
    return text


def _loc(field: Any) -> str:
    return f"field_{field.pk}" if getattr(field, "pk", None) else str(getattr(field, "code", "value"))


def _number(field: Any, text: str, *, integer: bool, unit: str) -> str:
    name = field.name
    if len(text) > 40:
        raise FormsError("value_too_big", errors.VALUE_TOO_BIG % {"name": name, "max": f"{NUMBER_MAX:,}"}, _loc(field))
    found = _TRAILING_UNIT.match(text)
    if found:
        # "8,895人" is 8,895 in 人; "8895人次" names another unit than the field's.
        text, written = found.group(1), found.group(2).strip()
        mine, theirs = unit_dimension(field.unit or ""), unit_dimension(written)
        if written != (field.unit or "") and (mine is None or theirs is None or mine != theirs):
            raise FormsError("value_unit_wrong", errors.VALUE_UNIT_WRONG % {"name": name, "unit": unit, "value": found.group(0)}, _loc(field))
    text = text.replace(",", "").replace("，", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        message = errors.VALUE_NOT_INTEGER if integer else errors.VALUE_NOT_NUMBER
        raise FormsError("value_not_number", message % {"name": name, "unit": unit}, _loc(field)) from None
    if not number.is_finite():
        raise FormsError("value_not_number", errors.VALUE_NOT_NUMBER % {"name": name, "unit": unit}, _loc(field))
    if number < 0:
        raise FormsError("value_negative", errors.VALUE_NEGATIVE % {"name": name}, _loc(field))
    if number > NUMBER_MAX:
        raise FormsError("value_too_big", errors.VALUE_TOO_BIG % {"name": name, "max": f"{NUMBER_MAX:,}"}, _loc(field))
    if integer:
        if number != number.to_integral_value():
            raise FormsError("value_not_integer", errors.VALUE_NOT_INTEGER % {"name": name, "unit": unit}, _loc(field))
        return str(int(number))
    return format(number.normalize(), "f")

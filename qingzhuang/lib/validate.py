"""Check what people type before a service stores it: text, whole numbers and choices.

Services call ``clean_values(Model, values, error=TheDomainsInvalidError)``: every value is checked
against the model field of the same name (length, blank, choices, the column's integer range, or a
tighter range the domain gives), and a refusal raises the domain's error with a message naming the
field in the user's language. Forms and the API reach the same check, because they call the services.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.chinese_text import clean_text, has_unstorable, is_blank
from qingzhuang.lib.errors import DomainError

REQUIRED = "required"
TOO_LONG = "too_long"
UNSTORABLE = "unstorable"
NOT_A_NUMBER = "not_a_number"
OUT_OF_RANGE = "out_of_range"
NOT_A_CHOICE = "not_a_choice"

REQUIRED_MESSAGE = _("Fill in %(field)s: it cannot be empty or only spaces.")
TOO_LONG_MESSAGE = _("%(field)s can be at most %(max)s characters long; this one has %(length)s.")
UNSTORABLE_MESSAGE = _(
    "%(field)s contains characters that cannot be stored (an empty NUL character or half of a broken character). "
    "Type it again, or paste it as plain text."
)
NOT_A_NUMBER_MESSAGE = _("%(field)s must be a whole number.")
OUT_OF_RANGE_MESSAGE = _("%(field)s must be a whole number from %(min)s to %(max)s.")
NOT_A_CHOICE_MESSAGE = _("“%(value)s” is not a valid %(field)s. Choose one of: %(choices)s.")

# A free text with no length of its own (a reason, a note, an explanation).
LONG_TEXT_MAX = 20_000

# The range each integer column can hold: past it, SQLite raises OverflowError and PostgreSQL an error.
COLUMN_RANGES = {
    "SmallIntegerField": (-32768, 32767),
    "PositiveSmallIntegerField": (0, 32767),
    "IntegerField": (-2147483648, 2147483647),
    "PositiveIntegerField": (0, 2147483647),
    "BigIntegerField": (-9223372036854775808, 9223372036854775807),
    "PositiveBigIntegerField": (0, 9223372036854775807),
}


def _label(field: Any) -> str:
    return str(getattr(field, "verbose_name", "") or field.name)


def _shown(value: Any) -> str:
    text = str(value).encode("utf-8", "replace").decode("utf-8")  # a lone surrogate must not reach the page
    return text if len(text) <= 20 else text[:19] + "…"


def text_value(
    value: Any, *, field: str, label: Any, max_length: int, required: bool = True, multiline: bool = False,
    error: type[DomainError] = DomainError,
) -> str:
    """The text as stored, or the domain's error: unstorable characters, blank when required, too long."""
    text = "" if value is None else str(value)
    if has_unstorable(text):
        raise error(UNSTORABLE, UNSTORABLE_MESSAGE % {"field": label}, field)
    text = clean_text(text, multiline=multiline)
    if required and is_blank(text):
        raise error(REQUIRED, REQUIRED_MESSAGE % {"field": label}, field)
    if is_blank(text):
        text = ""
    if len(text) > max_length:
        raise error(TOO_LONG, TOO_LONG_MESSAGE % {"field": label, "max": f"{max_length:,}", "length": f"{len(text):,}"}, field)
    return text


def int_value(value: Any, *, field: str, label: Any, minimum: int, maximum: int, error: type[DomainError] = DomainError) -> int:
    """The whole number, or the domain's error when it is not one or lies outside [minimum, maximum]."""
    if isinstance(value, bool):
        raise error(NOT_A_NUMBER, NOT_A_NUMBER_MESSAGE % {"field": label}, field)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        raw = value.strip()
        if len(raw) > 30 or not raw.lstrip("+-").isdigit() or not raw.isascii():
            raise error(NOT_A_NUMBER, NOT_A_NUMBER_MESSAGE % {"field": label}, field)
        value = int(raw)
    if not isinstance(value, int):
        raise error(NOT_A_NUMBER, NOT_A_NUMBER_MESSAGE % {"field": label}, field)
    if not minimum <= value <= maximum:
        raise error(OUT_OF_RANGE, OUT_OF_RANGE_MESSAGE % {"field": label, "min": f"{minimum:,}", "max": f"{maximum:,}"}, field)
    return value


def choice_value(value: Any, *, field: str, label: Any, choices: Iterable[tuple[Any, Any]], error: type[DomainError] = DomainError) -> Any:
    """The value if it is one of ``choices`` ((value, label) pairs), else the domain's error listing them."""
    pairs = list(choices)
    for key, _text in pairs:
        if value == key or (isinstance(key, str) and str(value) == key):
            return key
    listed = "、".join(str(text) for _key, text in pairs)
    raise error(NOT_A_CHOICE, NOT_A_CHOICE_MESSAGE % {"value": _shown(value), "field": label, "choices": listed}, field)


def clean_values(
    model: Any, values: Mapping[str, Any], *, error: type[DomainError] = DomainError,
    ranges: Mapping[str, tuple[int, int]] | None = None, optional: Iterable[str] = (), lengths: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """Check each value against ``model``'s field of that name; return them as they should be stored.

    Text fields: required unless the field may be blank (or is in ``optional``), at most max_length
    (``lengths[name]``, or LONG_TEXT_MAX for a TextField), no NUL or lone surrogate; choices: one of them; integers: within
    ``ranges[name]`` or the column's range. Other values (dates, units, flags) pass unchanged.
    """
    ranges = ranges or {}
    lengths = lengths or {}
    optional = set(optional)
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        try:
            field = model._meta.get_field(name)
        except Exception:  # not a field of the model (a service's own argument): left to the service
            cleaned[name] = value
            continue
        kind = field.get_internal_type()
        label = _label(field)
        if value is None and getattr(field, "null", False):
            cleaned[name] = None
        elif field.choices and kind in ("CharField", *COLUMN_RANGES):
            cleaned[name] = choice_value(value, field=name, label=label, choices=field.flatchoices, error=error)
        elif kind in ("CharField", "TextField"):
            cleaned[name] = text_value(
                value, field=name, label=label, max_length=lengths.get(name) or field.max_length or LONG_TEXT_MAX,
                required=not field.blank and name not in optional, multiline=kind == "TextField", error=error,
            )
        elif kind in COLUMN_RANGES:
            low, high = ranges.get(name, COLUMN_RANGES[kind])
            cleaned[name] = int_value(value, field=name, label=label, minimum=low, maximum=high, error=error)
        else:
            cleaned[name] = value
    return cleaned

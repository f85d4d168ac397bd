"""Properties of the text normaliser and the cleaning of typed text, over generated strings (Hypothesis)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qingzhuang.lib.chinese_text import (
    clean_text,
    count_zi,
    has_unstorable,
    is_blank,
    normalise,
    normalise_with_offsets,
)
from qingzhuang.lib.errors import DomainError
from qingzhuang.lib.validate import REQUIRED, TOO_LONG, UNSTORABLE, text_value

SPACES = "\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff \t\n\r"
# Chinese text with the characters that trouble storage and comparison mixed in.
chinese = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.sampled_from(list(SPACES + "，。、“”（）０１２ＡＢａ陜衞\x00\ud800\udfff")),
        st.characters(),
    ),
    max_size=60,
)
blank = st.text(alphabet=st.sampled_from(list(SPACES)), max_size=20)


@given(chinese)
def test_cleaning_is_idempotent(text):
    assert clean_text(clean_text(text)) == clean_text(text)
    assert clean_text(clean_text(text, multiline=True), multiline=True) == clean_text(text, multiline=True)


@given(chinese)
def test_cleaned_text_has_no_blank_edges_and_one_line_text_no_line_breaks(text):
    cleaned = clean_text(text)
    assert cleaned == "" or not (is_blank(cleaned[0]) or is_blank(cleaned[-1]))
    assert "\n" not in cleaned and "\r" not in cleaned


@given(blank)
def test_text_of_spaces_full_width_spaces_and_zero_width_characters_only_is_blank(text):
    assert is_blank(text) and clean_text(text) == ""
    with pytest.raises(DomainError) as err:
        text_value(text, field="topic", label="议题", max_length=200)
    assert err.value.code == REQUIRED and err.value.field == "topic" and "议题" in err.value.message


@given(chinese)
def test_unstorable_is_exactly_nul_or_what_utf8_cannot_encode(text):
    try:
        text.encode("utf-8")
        encodable = True
    except UnicodeEncodeError:
        encodable = False
    assert has_unstorable(text) == ("\x00" in text or not encodable)


@given(chinese, st.integers(min_value=1, max_value=40))
def test_a_stored_text_is_always_encodable_within_its_length_and_never_blank_when_required(text, max_length):
    try:
        stored = text_value(text, field="title", label="标题", max_length=max_length)
    except DomainError as err:
        assert err.code in (REQUIRED, TOO_LONG, UNSTORABLE) and err.field == "title" and "标题" in err.message
        return
    stored.encode("utf-8")
    assert "\x00" not in stored and 0 < len(stored) <= max_length and not is_blank(stored)


@given(chinese)
def test_normalised_text_keeps_only_lower_case_ascii_alphanumerics_and_ideographs(text):
    folded = normalise(text)
    assert all(c.isascii() and (c.isdigit() or c.islower()) or count_zi(c) == 1 for c in folded)
    assert normalise(folded) == folded


@settings(max_examples=200)
@given(chinese)
def test_offset_normalisation_agrees_with_the_fast_one_and_points_into_the_text(text):
    folded, origins = normalise_with_offsets(text)
    assert folded == normalise(text)
    assert len(origins) == len(folded) and all(0 <= i < len(text) for i in origins) and origins == sorted(origins)

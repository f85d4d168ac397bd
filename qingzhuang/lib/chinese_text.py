"""Normalise Chinese text so that copies compare equal, and count 字 for the length rule.

Two documents that differ only in script (繁/简), in variant glyphs, in full-width
digits or in punctuation and layout are the same text for duplicate detection, so
fingerprinting works on ``normalise(text)``: simplified, NFKC-folded, lower-cased, and
stripped of everything but ideographs and ASCII letters/digits.

Script conversion uses OpenCC (the C++ binding, ``opencc`` on PyPI) with its ``hk2s``
config: that is ``t2s`` plus OpenCC's own variant folding (衞→卫, 敍→叙, 粧→妆, 衹→只).
Checked over the whole CJK block: ``tw2s`` is avoided because it also rewrites valid
simplified text (显著→显着, 么→幺). The binding is ~40x faster than the pure-Python
reimplementation, which matters because every verified candidate is normalised.

OpenCC leaves a few glyphs alone that real documents contain as stand-ins; they are
folded by ``_VARIANTS`` below, kept deliberately tiny.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from opencc import OpenCC

# Characters OpenCC (1.4.x, hk2s) does not fold but which stand for a common character
# in practice. Add an entry only with a reason.
_VARIANTS = str.maketrans(
    {
        # U+965C is a separate character (xiá, "narrow") to Unicode and OpenCC, but input
        # methods and old fonts put it where 陝 (Shaanxi, U+965D) is meant.
        "陜": "陕",
        # Old-form glyphs (旧字形) from KS X 1001 / JIS fonts, common in OCR'd scans.
        "吿": "告",
        "淸": "清",
        "靑": "青",
        "偸": "偷",
    }
)

# CJK Unified Ideographs and all extensions up to Unicode 15.1 (A–I), the compatibility
# ideographs, and 〇 (U+3007), which dates spell out (二〇二四年) and which counts as a 字.
_IDEOGRAPH_RANGES = (
    "\u3007"
    "\u3400-\u4dbf"
    "\u4e00-\u9fff"
    "\uf900-\ufaff"
    "\U00020000-\U0002a6df"
    "\U0002a700-\U0002ebef"
    "\U0002ebf0-\U0002ee5f"
    "\U0002f800-\U0002fa1f"
    "\U00030000-\U000323af"
)
_IDEOGRAPH = re.compile(f"[{_IDEOGRAPH_RANGES}]")
_NOT_KEPT = re.compile(f"[^0-9a-z{_IDEOGRAPH_RANGES}]+")
# Whitespace and punctuation that NFKC never turns into a kept character: dropping them
# first leaves NFKC (slow on punctuation-rich text) almost nothing to do. Not dropped:
# full-width letters and digits, and the Suzhou numerals 〡-〩 and 〸-〺 (NFKC: 十卄卅).
_DROP_EARLY = re.compile(
    r"[\s!-/:-@\[-`{-~\u2000-\u206f\u3000-\u3006\u3008-\u3020\u302a-\u3037\u303b-\u303f"
    r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+"
)
_VARIANT_CHARS = re.compile("[陜吿淸靑偸]")
_SURROGATE = re.compile("[\ud800-\udfff]")


@lru_cache(maxsize=1)
def _converter() -> OpenCC:
    return OpenCC("hk2s")


def to_simplified(text: str) -> str:
    """Convert traditional characters and known variants to simplified ones."""
    if _VARIANT_CHARS.search(text):  # translate() is slow; the variants are rare
        text = text.translate(_VARIANTS)
    if "\x00" in text:  # the C++ binding stops at a NUL: convert the pieces, keep the NULs in place
        return "\x00".join(to_simplified(piece) for piece in text.split("\x00"))
    try:
        return str(_converter().convert(text))
    except UnicodeEncodeError:  # a lone surrogate: OpenCC takes UTF-8, and it is no character anyway
        return str(_converter().convert(_SURROGATE.sub("", text)))


def _to_simplified_char(char: str) -> str:
    converted = to_simplified(char)
    return converted if len(converted) == 1 else char


def normalise(text: str) -> str:
    """Return the comparison form: simplified, half-width, lower-case, ideographs and ASCII alnum only."""
    text = _DROP_EARLY.sub("", text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return _NOT_KEPT.sub("", to_simplified(text.lower()))


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """Return ``normalise(text)`` and, for each of its characters, the index in ``text``.

    Slower than ``normalise`` (a Python loop per character), so only for highlighting.
    """
    chars: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        # NFKC may expand one character (㈠ → "(一)"); all pieces map back to it.
        for piece in unicodedata.normalize("NFKC", char).lower():
            chars.append(piece)
            origins.append(index)
    folded = "".join(chars)
    simplified = to_simplified(folded)
    if len(simplified) != len(folded):
        # A phrase rule changed the length; fall back to a per-character conversion so
        # the offsets stay aligned.
        simplified = "".join(_to_simplified_char(char) for char in folded)
    kept_chars: list[str] = []
    kept_origins: list[int] = []
    for char, origin in zip(simplified, origins, strict=True):
        if not _NOT_KEPT.fullmatch(char):
            kept_chars.append(char)
            kept_origins.append(origin)
    return "".join(kept_chars), kept_origins


def count_zi(text: str) -> int:
    """Count Chinese characters (字), the unit of the 5,000字 / 4,000字 document-length rule."""
    return len(_IDEOGRAPH.findall(text))


# --- Text people type: what is stored ------------------------------------------------------------

# Characters that show nothing: Unicode whitespace is handled by str.strip/isspace (U+3000 ideographic
# space and U+00A0 NBSP included); these zero-width ones and the BOM are not whitespace to Python.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u180e"
_EDGE = re.compile(f"^[\\s{_INVISIBLE}]+|[\\s{_INVISIBLE}]+$")
_BLANK = re.compile(f"^[\\s{_INVISIBLE}]*$")
# NUL cannot be stored by PostgreSQL; a lone surrogate cannot be encoded as UTF-8 by any database.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Other control characters a paste may carry; tab and line breaks are kept in multi-line text.
_CONTROL_ONE_LINE = re.compile("[\x01-\x1f\x7f]")
_CONTROL_MULTI_LINE = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def is_blank(text: str) -> bool:
    """True when the text shows nothing: empty, whitespace (full-width and no-break included) or zero-width only."""
    return bool(_BLANK.match(text))


def has_unstorable(text: str) -> bool:
    """True when the text holds a NUL or a lone surrogate, which no database can store."""
    return bool(_UNSTORABLE.search(text))


def clean_text(text: str, *, multiline: bool = False) -> str:
    """What is stored of a typed text: edges trimmed of (full-width, no-break, zero-width) spaces, controls dropped.

    One-line text also turns line breaks and tabs into spaces. Inner characters are otherwise kept
    as typed (no script or width folding: that is ``normalise``, for comparison only).
    """
    if multiline:
        text = _CONTROL_MULTI_LINE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    else:
        text = _CONTROL_ONE_LINE.sub(lambda m: " " if m.group() in "\t\n\r\x0b\x0c" else "", text)
    return _EDGE.sub("", text)

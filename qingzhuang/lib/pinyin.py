"""Pinyin search keys for Chinese names: 镇安县 -> ("zhenanxian", "zax")."""

from pypinyin import Style, lazy_pinyin


def pinyin_keys(name: str) -> tuple[str, str]:
    """Full pinyin without tones or spaces, and the first letters of each syllable, both lower case."""
    syllables = [s.lower() for s in lazy_pinyin(name, errors="default") if s.strip()]
    full = "".join(ch for ch in "".join(syllables) if ch.isalnum())
    firsts = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")
    initials = "".join(ch for ch in "".join(s.lower()[:1] for s in firsts if s.strip()) if ch.isalnum())
    return full, initials

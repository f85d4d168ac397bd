"""Chinese is the default language: every user-facing string must have its zh_Hans translation."""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def po_files() -> list[Path]:
    return [p for p in ROOT.glob("**/locale/zh_Hans/LC_MESSAGES/django.po") if ".venv" not in p.parts]


def test_every_message_has_a_chinese_translation():
    missing = []
    for path in po_files():
        po = polib.pofile(str(path))
        missing += [f"{path.relative_to(ROOT)}: {e.msgid!r}" for e in po.untranslated_entries() + po.fuzzy_entries()]
    assert po_files(), "no zh_Hans catalogue found"
    assert missing == [], "untranslated:\n" + "\n".join(missing)


def test_compiled_catalogues_are_not_older_than_their_sources():
    stale = [str(p) for p in po_files() if not p.with_suffix(".mo").exists() or p.with_suffix(".mo").stat().st_mtime < p.stat().st_mtime]
    assert stale == [], "run: make messages (or manage.py compilemessages)"

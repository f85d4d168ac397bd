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


def _shown(entry: polib.POEntry) -> str:
    from django.utils import translation

    if entry.msgid_plural:
        if entry.msgctxt:
            return translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
        return translation.ngettext(entry.msgid, entry.msgid_plural, 1)
    return translation.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else translation.gettext(entry.msgid)


def test_every_message_reads_as_its_own_catalogue_says():
    """Django merges every app's catalogue into one, the first app in INSTALLED_APPS winning: a msgid that two
    apps translate differently silently shows the other app's words (duties' 'From' read 起始日期 where it means
    下派单位). Give such a message a context (pgettext, {% translate … context … %}) or use the same words."""
    from django.utils import translation

    wrong = []
    with translation.override("zh-hans"):
        for path in po_files():
            for entry in polib.pofile(str(path)):
                want = entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr
                if entry.obsolete or entry.fuzzy or not want:
                    continue
                shown = _shown(entry)
                if shown != want:
                    where = path.relative_to(ROOT)
                    wrong.append(f"{where}: {entry.msgctxt or ''}|{entry.msgid!r} is shown as {shown!r}, not {want!r}")
    assert wrong == [], "\n".join(wrong)

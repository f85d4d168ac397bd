"""Fill msgstr of zh_Hans .po files from a JSON object {msgid: translation}.

Usage: .venv/bin/python tools/po_fill.py qingzhuang/org/locale/zh_Hans/LC_MESSAGES/django.po translations.json
Prints the msgids still untranslated afterwards. Fuzzy flags are cleared on filled entries.
"""

import json
import sys

import polib


def main() -> None:
    po_path, json_path = sys.argv[1], sys.argv[2]
    with open(json_path, encoding="utf-8") as fh:
        table = json.load(fh)
    po = polib.pofile(po_path)
    for entry in po:
        if entry.msgid in table and (not entry.msgstr or "fuzzy" in entry.flags):
            entry.msgstr = table[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save(po_path)
    for entry in po.untranslated_entries() + po.fuzzy_entries():
        print("untranslated:", repr(entry.msgid))  # noqa: T201


if __name__ == "__main__":
    main()

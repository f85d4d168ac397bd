"""The hand-written evaluation set (``handwritten/``): texts and labelled pairs.

See ``handwritten/README.md``. A derived text is the clerk's own lines plus
``@include <source> <first>-<last>`` (lines of the source, 1-based) and
``@sub <old> => <new>`` (applied to every line included after it).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DIRECTORY = Path(__file__).with_name("handwritten")


@dataclass(frozen=True)
class Pair:
    query: str
    document: str
    category: str
    duplicate: bool


def _lines(name: str) -> list[str]:
    return (DIRECTORY / f"{name}.txt").read_text(encoding="utf-8").splitlines()


@cache
def text(name: str) -> str:
    """The text of one document of the set, with its includes expanded."""
    out: list[str] = []
    swaps: list[tuple[str, str]] = []
    for line in _lines(name):
        if line.startswith("@sub "):
            old, new = line[len("@sub ") :].split(" => ")
            swaps.append((old, new))
        elif line.startswith("@include "):
            source, span = line.split()[1:]
            first, _, last = span.partition("-")
            included = text(source).splitlines()[int(first) - 1 : int(last or first)]
            for copied in included:
                for old, new in swaps:
                    copied = copied.replace(old, new)
                out.append(copied)
        else:
            out.append(line)
    return "\n".join(out)


def names() -> list[str]:
    return sorted(path.stem for path in DIRECTORY.glob("*.txt"))


def pairs() -> list[Pair]:
    with (DIRECTORY / "pairs.csv").open(encoding="utf-8") as handle:
        return [
            Pair(row["query"], row["document"], row["category"], row["label"] == "duplicate")
            for row in csv.DictReader(handle)
        ]

"""Write the labelled near-duplicate pairs to pairs.jsonl (run once; the file is committed).

    .venv/bin/python -m qingzhuang.lib.eval.make_pairs

Texts are stored as ``doc_corpus`` recipes plus a SHA-256 of each text, which keeps the
file small and reviewable; ``near_duplicates_eval`` rebuilds the texts and refuses to
run if the generator no longer produces the same ones.
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path
from typing import Any

from qingzhuang.lib import doc_corpus

PAIRS = Path(__file__).with_name("pairs.jsonl")

DUPLICATE = "duplicate"
NOT_DUPLICATE = "not-duplicate"


def _source(rng: random.Random, n: int, **overrides: Any) -> dict[str, Any]:
    length = overrides.pop("length", None) or rng.randint(1500, 5000)
    return doc_corpus.base_recipe(20_000 + n, length=length, **overrides)


def _pairs() -> list[dict[str, Any]]:
    rng = random.Random(2024)
    pairs: list[dict[str, Any]] = []

    def add(category: str, label: str, a: dict[str, Any], b: dict[str, Any]) -> None:
        pairs.append({"id": len(pairs), "category": category, "label": label, "a": a, "b": b})

    def derived(kind: str, source: dict[str, Any], **params: Any) -> dict[str, Any]:
        return {"kind": kind, "source": source, "seed": rng.randrange(10**6), **params}

    n = 0
    for i in range(60):
        n += 1
        source = _source(rng, n)
        add("reworded", DUPLICATE, derived("reworded", source, intensity=0.3 if i % 2 else 0.7), source)
    for i in range(50):
        n += 1
        source = _source(rng, n, length=rng.randint(3000, 5000))
        if i < 30:
            add("excerpt", DUPLICATE, derived("excerpt", source, share=rng.choice((0.15, 0.25, 0.4))), source)
        else:
            add("excerpt", DUPLICATE, derived("excerpt", source, share=0.25, intensity=0.3), source)
    # Harder than the generator's defaults: every synonym swapped, excerpts of a few
    # sentences, and a reworded copy converted to traditional script.
    for _ in range(20):
        n += 1
        source = _source(rng, n)
        add("reworded, heavy", DUPLICATE, derived("reworded", source, intensity=1.0), source)
    for _ in range(20):
        n += 1
        source = _source(rng, n, length=rng.randint(3000, 5000))
        add("excerpt, short", DUPLICATE, derived("excerpt", source, share=0.08), source)
    for _ in range(10):
        n += 1
        source = _source(rng, n)
        add(
            "traditional/variant", DUPLICATE, derived("traditional", derived("reworded", source, intensity=0.5)), source
        )
    for _ in range(30):
        n += 1
        source = _source(rng, n, level=rng.choice(("province", "city")))
        add("upper-level copy", DUPLICATE, derived("upper_copy", source, additions=rng.randint(1, 4)), source)
    for _ in range(30):
        n += 1
        source = _source(rng, n)
        add("relabelled", DUPLICATE, derived("relabelled", source), source)
    for _ in range(30):
        n += 1
        source = _source(rng, n)
        add("traditional/variant", DUPLICATE, derived("traditional", source), source)
    for i in range(60):
        n += 1
        source = _source(rng, n)
        # Same topic and level; every other pair also the same year, the hardest case.
        same = {"topic": source["topic"], "level": source["level"]}
        if i % 2:
            same["year"] = source["year"]
        add("unrelated, same topic", NOT_DUPLICATE, _source(rng, 10_000 + n, **same), source)
    for _ in range(40):
        n += 1
        source = _source(rng, n)
        other = _source(rng, 10_000 + n)
        add("unrelated", NOT_DUPLICATE, other, source)
    return pairs


def _digest(recipe: dict[str, Any]) -> str:
    return hashlib.sha256(doc_corpus.build(recipe).text.encode()).hexdigest()


def main() -> None:
    with PAIRS.open("w", encoding="utf-8") as out:
        for pair in _pairs():
            pair["a_sha256"] = _digest(pair["a"])
            pair["b_sha256"] = _digest(pair["b"])
            out.write(json.dumps(pair, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {PAIRS}")


if __name__ == "__main__":
    main()

"""Precision and recall of the near-duplicate engine on two labelled sets.

    .venv/bin/python -m qingzhuang.lib.eval.near_duplicates_eval [--set generated|handwritten|both]
        [--threshold 0.5] [--distractors 3000]

``generated``: pairs made by ``doc_corpus`` (the generator the engine was tuned on,
``pairs.jsonl``). ``handwritten``: documents and copies written by hand (``handwritten/``),
independent of that generator. Every pair's document is indexed together with
unrelated distractor documents (a third of them on one of the set's topics, so
candidate ranking faces the crowding it meets in a real archive); each query is then
run through the whole path — probe, LSH candidates, exact verification — and the pair
counts as flagged when its document is among the matches.

Two recalls are printed: of the whole path against the labels, and of the candidate
step alone against the exact score ("lost" = a pair whose exact score reaches the
threshold but whose document never reached verification — the LSH step's misses).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qingzhuang.lib import doc_corpus, near_duplicates
from qingzhuang.lib.eval import handwritten_set

PAIRS = Path(__file__).with_name("pairs.jsonl")
# Verified per query by the documents' gate (documents.duplicates.VERIFY_LIMIT).
VERIFIED = 10


@dataclass
class LabelledSet:
    name: str
    texts: dict[str, str]  # every labelled text by name
    indexed: list[str]  # the names that go into the archive
    pairs: list[tuple[str, str, str, bool]]  # (query, document, category, duplicate)
    topics: list[str]  # doc_corpus topics for the distractors


def generated_set() -> LabelledSet:
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line]
    texts: dict[str, str] = {}
    pairs = []
    for row in rows:
        for side in ("a", "b"):
            text = doc_corpus.build(row[side]).text
            if hashlib.sha256(text.encode()).hexdigest() != row[f"{side}_sha256"]:
                sys.exit(
                    f"pair {row['id']}: doc_corpus no longer builds the labelled text; "
                    "rerun make_pairs and review the labels"
                )
            texts[row[f"{side}_sha256"]] = text
        pairs.append((row["a_sha256"], row["b_sha256"], row["category"], row["label"] == "duplicate"))
    indexed = sorted({document for _, document, _, _ in pairs})
    topics = sorted({row["b"]["topic"] for row in rows if row["b"]["kind"] == "base"})
    return LabelledSet("generated (doc_corpus)", texts, indexed, pairs, topics)


# The hand-written set's topics, as doc_corpus names them, for same-topic distractors.
HANDWRITTEN_TOPICS = ("防汛", "安全生产", "森林防火", "燃气安全", "城乡居民医疗保险参保", "秸秆禁烧", "养老服务", "基层减负")


def handwritten() -> LabelledSet:
    names = handwritten_set.names()
    texts = {name: handwritten_set.text(name) for name in names}
    pairs = [(p.query, p.document, p.category, p.duplicate) for p in handwritten_set.pairs()]
    topics = [t for t in HANDWRITTEN_TOPICS if t in doc_corpus.TOPIC_NAMES] or list(doc_corpus.TOPIC_NAMES)
    # Every text is in the archive: a query must not match the set's other documents either.
    return LabelledSet("hand-written", texts, names, pairs, topics)


def evaluate(labelled: LabelledSet, *, threshold: float, distractors: int, verified: int = VERIFIED) -> dict[str, Any]:
    """Run every query; return per-category counts and the candidate step's misses."""
    archive: dict[int, str] = {}
    ids: dict[str, int] = {}
    for name in labelled.indexed:
        ids[name] = len(archive)
        archive[ids[name]] = labelled.texts[name]
    for n in range(distractors):
        overrides = {"topic": labelled.topics[n % len(labelled.topics)]} if n % 3 == 0 else {}
        archive[len(archive)] = doc_corpus.build(doc_corpus.base_recipe(500_000 + n, **overrides)).text

    index = near_duplicates.NearDuplicateIndex(lambda doc_ids: {i: archive[i] for i in doc_ids})
    for doc_id, text in archive.items():
        index.add(doc_id, near_duplicates.fingerprint(text))

    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    scores: dict[str, list[float]] = defaultdict(list)
    lost: list[tuple[str, str, float]] = []
    reachable = 0
    labelled_duplicates = {(q, d) for q, d, _, dup in labelled.pairs if dup}
    for query, document, category, duplicate in labelled.pairs:
        text = labelled.texts[query]
        own = ids.get(query)
        candidates = index.candidates(near_duplicates.probe(text), limit=verified, exclude=own)
        matches = near_duplicates.verify(text, candidates, index.load_texts or (lambda _: {}), threshold)
        flagged = any(m.doc_id == ids[document] for m in matches)
        outcome = {(True, True): "tp", (True, False): "fn", (False, True): "fp", (False, False): "tn"}
        counts[category][outcome[(duplicate, flagged)]] += 1
        exact = near_duplicates.similarity(text, labelled.texts[document]).score
        scores[category].append(exact)
        if exact >= threshold:
            reachable += 1
            if ids[document] not in {c.doc_id for c in candidates}:
                lost.append((query, document, exact))
        # Anything else flagged that is not labelled a duplicate of this query (a distractor,
        # another document of the set) counts against precision too.
        if duplicate:
            others = {
                m.doc_id for m in matches if m.doc_id != ids[document] and m.doc_id < len(labelled.indexed)
                and (query, labelled.indexed[m.doc_id]) not in labelled_duplicates
                and not _same_source(labelled, query, labelled.indexed[m.doc_id])
            }
            distractor_hits = {m.doc_id for m in matches if m.doc_id >= len(labelled.indexed)}
            counts[category]["fp"] += len(others) + len(distractor_hits)
    return {"counts": counts, "scores": scores, "lost": lost, "reachable": reachable, "archive": len(archive)}


def _same_source(labelled: LabelledSet, a: str, b: str) -> bool:
    """Two hand-written copies of one source (s02-up-city, s02-up-county) may match each other."""
    if not labelled.name.startswith("hand"):
        return False
    return a.split("-")[0] == b.split("-")[0] and not a.startswith("n") and not b.startswith("n")


def report(labelled: LabelledSet, result: dict[str, Any], threshold: float, distractors: int) -> None:
    counts, scores = result["counts"], result["scores"]
    print(
        f"\n{labelled.name}: {len(labelled.pairs)} pairs, {result['archive']:,} indexed documents "
        f"({distractors:,} distractors), threshold {threshold}, {VERIFIED} candidates verified per query"
    )
    print(
        f"{'category':30s} {'pairs':>5s} {'tp':>4s} {'fn':>4s} {'fp':>4s} {'tn':>4s} "
        f"{'precision':>9s} {'recall':>7s}   exact score min–max"
    )
    total: dict[str, int] = defaultdict(int)
    for category, c in counts.items():
        for key, value in c.items():
            total[key] += value
        print(_row(category, c) + f"   {min(scores[category]):.2f}–{max(scores[category]):.2f}")
    print(_row("overall", total))
    lost = result["lost"]
    reachable = result["reachable"]
    print(
        f"candidate step: {reachable - len(lost)}/{reachable} pairs with exact score >= {threshold} reached "
        f"verification (recall {(reachable - len(lost)) / max(reachable, 1):.3f}); lost: "
        + (", ".join(f"{q[:14]}→{d[:14]} ({s:.2f})" for q, d, s in lost[:12]) if lost else "none")
    )


def _row(name: str, c: dict[str, int]) -> str:
    tp, fn, fp, tn = c["tp"], c["fn"], c["fp"], c["tn"]
    precision = f"{tp / (tp + fp):.3f}" if tp + fp else "–"
    recall = f"{tp / (tp + fn):.3f}" if tp + fn else "–"
    return f"{name[:30]:30s} {tp + fn + fp + tn:5d} {tp:4d} {fn:4d} {fp:4d} {tn:4d} {precision:>9s} {recall:>7s}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=("generated", "handwritten", "both"), default="both")
    parser.add_argument("--threshold", type=float, default=near_duplicates.DEFAULT_THRESHOLD)
    parser.add_argument("--distractors", type=int, default=3000)
    args = parser.parse_args()
    sets = {"generated": [generated_set], "handwritten": [handwritten], "both": [generated_set, handwritten]}[args.set]
    for make in sets:
        labelled = make()
        result = evaluate(labelled, threshold=args.threshold, distractors=args.distractors)
        report(labelled, result, args.threshold, args.distractors)


if __name__ == "__main__":
    main()

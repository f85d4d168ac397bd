"""Benchmark the near-duplicate engine on a generated archive (default 1,000,000 documents).

    .venv/bin/python bench/near_duplicates.py            # full run; builds, then caches
    .venv/bin/python bench/near_duplicates.py --n 20000  # quick run

The archive is virtual: document ``i`` is ``doc_corpus.build(recipe(i))``, so its text is
regenerated on demand (~0.3 ms, standing in for a database fetch) and never stored.
For every query a source document is planted in the archive together with some
derived copies, and the query is itself derived from that source (reworded, excerpt,
upper-level copy, relabelled, traditional script), or embeds a planted excerpt, or is
fresh with nothing planted. The built key table is cached under var/bench/ (keyed by a
hash of the engine and corpus sources), so reruns skip the build.

Brute force means exact verification against every archive document. At 3–5 ms a
document that is about an hour per query on a million documents, so it is done for the
queries of the topics holding the most planted matches (at least --brute-matches of
them; generated copies never change topic), against every archive document on the
query's topic plus a random sample of other-topic documents as a check on that
shortcut. Each archive document is generated once per topic and compared with all of
that topic's queries. Its full-archive time is extrapolated from the measured cost.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qingzhuang.lib import doc_corpus, near_duplicates  # noqa: E402
from qingzhuang.lib.chinese_text import normalise  # noqa: E402

CACHE = ROOT / "var" / "bench" / "near_duplicates"
# (kind of query, parameters); "contains" = the archive holds an excerpt of the query,
# "fresh" = nothing planted.
QUERY_KINDS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("reworded", {"intensity": 0.3}),
    ("reworded", {"intensity": 0.7}),
    ("excerpt", {"share": 0.3}),
    ("excerpt", {"share": 0.15, "intensity": 0.3}),
    ("upper_copy", {}),
    ("relabelled", {}),
    ("traditional", {}),
    ("contains", {"share": 0.3}),
    ("fresh", {}),
)
SIBLING_KINDS = ("relabelled", "reworded", "traditional")


class Archive:
    """Recipes of the archive documents and of the queries, all from fixed seeds."""

    def __init__(self, n: int, query_count: int) -> None:
        self.n = n
        self.planted: dict[int, dict[str, Any]] = {}
        self.queries: list[dict[str, Any]] = []
        self.query_kinds: list[str] = []
        self.query_plants: list[list[int]] = []
        rng = random.Random(42)
        free = iter(rng.sample(range(n), min(n, query_count * 4)))
        for q in range(query_count):
            kind, params = QUERY_KINDS[q % len(QUERY_KINDS)]
            level = "city" if kind == "upper_copy" else rng.choice(doc_corpus.LEVELS)
            source = doc_corpus.base_recipe(10**9 + q, level=level, length=rng.randint(2500, 5000))
            plants: list[int] = []
            if kind == "fresh":
                query = source
            elif kind == "contains":
                query = source
                plants.append(next(free))
                self.planted[plants[-1]] = {"kind": "excerpt", "source": source, "seed": q, **params}
            else:
                query = {"kind": kind, "source": source, "seed": q, **params}
                plants.append(next(free))
                self.planted[plants[-1]] = source
                for sibling in range(rng.randint(0, 2)):
                    plants.append(next(free))
                    self.planted[plants[-1]] = {
                        "kind": SIBLING_KINDS[sibling],
                        "source": source,
                        "seed": 10**6 + q,
                        "intensity": 0.4,
                    }
            self.queries.append(query)
            label = kind
            if kind == "reworded":
                label += f" {params['intensity']}"
            elif kind == "excerpt" and params.get("intensity"):
                label += "+reworded"
            self.query_kinds.append(label)
            self.query_plants.append(plants)

    def recipe(self, doc_id: int) -> dict[str, Any]:
        return self.planted.get(doc_id) or doc_corpus.base_recipe(doc_id)

    def topic(self, doc_id: int) -> str:
        recipe = self.recipe(doc_id)
        while recipe["kind"] != "base":
            recipe = recipe["source"]
        return str(recipe["topic"])

    def text(self, doc_id: int) -> str:
        return doc_corpus.build(self.recipe(doc_id)).text

    def load_texts(self, doc_ids: list[int] | tuple[int, ...]) -> dict[int, str]:
        return {doc_id: self.text(doc_id) for doc_id in doc_ids}

    def query_text(self, q: int) -> str:
        return doc_corpus.build(self.queries[q]).text


_archive: Archive | None = None  # set before forking, read by the workers


def _fingerprint_block(bounds: tuple[int, int]) -> tuple[np.ndarray, ...]:
    assert _archive is not None
    keys, docs, chunk_nos, counts = [], [], [], []
    passage_keys, passage_docs, passage_counts = [], [], []
    for doc_id in range(*bounds):
        fp = near_duplicates.fingerprint(_archive.text(doc_id))
        size = fp.keys.size
        keys.append(fp.keys.ravel())
        docs.append(np.full(size, doc_id, dtype=np.int32))
        chunk_nos.append(np.repeat(np.arange(fp.chunk_count, dtype=np.int16), near_duplicates.BANDS))
        counts.append(np.full(size, fp.chunk_count, dtype=np.int16))
        passage_keys.append(fp.passages)
        passage_docs.append(np.full(len(fp.passages), doc_id, dtype=np.int32))
        passage_counts.append(np.full(len(fp.passages), len(fp.passages), dtype=np.int16))
    return tuple(
        np.concatenate(part) for part in (keys, docs, chunk_nos, counts, passage_keys, passage_docs, passage_counts)
    )


def _cache_dir(archive: Archive) -> Path:
    """Name the cached key table after what it depends on, not on source formatting."""
    nd = near_duplicates
    digest = hashlib.sha256(
        repr(
            (
                nd.SHINGLE,
                nd.CHUNK_MIN,
                nd.CHUNK_DIVISOR,
                nd.CHUNK_MAX,
                nd.BANDS,
                nd.ROWS,
                nd.NUM_PERM,
                nd.PASSAGE_GRAM,
                nd.PASSAGE_EVERY,
                nd._FORMAT_VERSION,
                archive.n,
                len(archive.queries),
            )
        ).encode()
    )
    # A sample of texts stands for the generator's behaviour.
    for doc_id in [*range(20), *sorted(archive.planted)[:20]]:
        digest.update(archive.text(doc_id).encode())
    for doc_id in range(min(20, archive.n)):
        digest.update(near_duplicates.fingerprint(archive.text(doc_id)).to_bytes())
    return CACHE / f"n{archive.n}-q{len(archive.queries)}-{digest.hexdigest()[:12]}"


def build_index(archive: Archive, workers: int) -> tuple[near_duplicates.NearDuplicateIndex, float, bool]:
    directory = _cache_dir(archive)
    meta = directory / "meta.json"
    if meta.exists():
        index = near_duplicates.NearDuplicateIndex.load(directory, archive.load_texts)
        return index, float(json.loads(meta.read_text())["build_seconds"]), True

    global _archive
    _archive = archive
    started = time.perf_counter()
    block = 2000
    bounds = [(start, min(start + block, archive.n)) for start in range(0, archive.n, block)]
    parts: list[tuple[np.ndarray, ...]] = []
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for done, part in enumerate(pool.imap(_fingerprint_block, bounds, chunksize=1), 1):
            parts.append(part)
            if done % 50 == 0:
                elapsed = time.perf_counter() - started
                print(f"  fingerprinted {done * block:,} documents in {elapsed:.0f} s", flush=True)
    fingerprinted = time.perf_counter() - started
    keys, docs, chunk_nos, counts, p_keys, p_docs, p_counts = (np.concatenate([p[i] for p in parts]) for i in range(7))
    del parts
    index = near_duplicates.NearDuplicateIndex(archive.load_texts)
    passages = near_duplicates.PassagePostings(p_keys, p_docs, p_counts)
    del p_keys, p_docs, p_counts
    index.add_arrays(range(archive.n), keys, docs, chunk_nos, counts, passages)
    del keys, docs, chunk_nos, counts, passages
    build_seconds = time.perf_counter() - started
    print(f"  fingerprinting {fingerprinted:.0f} s, sorting the key table {build_seconds - fingerprinted:.0f} s")
    index.save(directory)
    meta.write_text(json.dumps({"build_seconds": build_seconds}))
    return index, build_seconds, False


def _brute_force_block(args: tuple[list[int], list[int]]) -> tuple[list[tuple[int, int, float]], float, int]:
    """Exact similarity of each of ``queries`` against each of ``doc_ids``."""
    queries, doc_ids = args
    assert _archive is not None
    nd = near_duplicates
    prepared = [(q, nd._codes(normalise(_archive.query_text(q)))) for q in queries]
    started = time.perf_counter()
    hits: list[tuple[int, int, float]] = []
    for doc_id in doc_ids:
        doc = nd._codes(normalise(_archive.text(doc_id)))
        for q, codes in prepared:
            score = nd.similarity_of_codes(codes, doc).score
            if score >= nd.DEFAULT_THRESHOLD:
                hits.append((q, doc_id, score))
    return hits, time.perf_counter() - started, len(doc_ids) * len(queries)


def brute_force(
    archive: Archive, sample: list[int], workers: int, cross_topic: int
) -> tuple[dict[int, set[int]], float, int, int]:
    """True matches per sampled query; cost per (query, document) pair; pairs; other-topic hits."""
    global _archive
    _archive = archive
    topics = [archive.topic(doc_id) for doc_id in range(archive.n)]
    rng = random.Random(7)
    by_topic: dict[str, list[int]] = {}
    for q in sample:
        by_topic.setdefault(_query_topic(archive, q), []).append(q)
    jobs: list[tuple[list[int], list[int]]] = []
    others = rng.sample(range(archive.n), min(archive.n, cross_topic))
    cross_jobs = set()
    for topic, queries in by_topic.items():
        same = [doc_id for doc_id, t in enumerate(topics) if t == topic]
        step = 2000
        jobs += [(queries, same[i : i + step]) for i in range(0, len(same), step)]
        cross_jobs.add(len(jobs))
        jobs.append((queries, [d for d in others if topics[d] != topic]))
    truth: dict[int, set[int]] = {q: set() for q in sample}
    seconds, pairs, cross_hits = 0.0, 0, 0
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for number, (hits, spent, count) in enumerate(pool.imap(_brute_force_block, jobs)):
            for q, doc_id, _score in hits:
                truth[q].add(doc_id)
            if number in cross_jobs:
                cross_hits += len(hits)
            seconds += spent
            pairs += count
    return truth, seconds / max(pairs, 1), pairs, cross_hits


def _query_topic(archive: Archive, q: int) -> str:
    recipe = archive.queries[q]
    while recipe["kind"] != "base":
        recipe = recipe["source"]
    return str(recipe["topic"])


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1_000_000, help="archive size")
    parser.add_argument("--queries", type=int, default=270)
    parser.add_argument(
        "--brute-matches", type=int, default=30, help="planted matches the brute-force queries must hold (0 to skip)"
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    threshold = near_duplicates.DEFAULT_THRESHOLD

    print(f"archive: {args.n:,} generated documents, {args.queries} queries, threshold {threshold}")
    archive = Archive(args.n, args.queries)
    index, build_seconds, cached = build_index(archive, args.workers)
    print(
        f"build: {build_seconds:.0f} s{' (cached; reloaded by memory-mapping)' if cached else ''}, "
        f"{len(index._postings.keys):,} keys for {len(index):,} documents"
    )

    # Warm up (imports, OpenCC dictionaries, page cache of the memory-mapped table).
    for q in range(3):
        index.query(archive.query_text(q))

    total_ms: list[float] = []
    without_load_ms: list[float] = []
    candidate_counts: list[int] = []
    found: list[set[int]] = []
    loaded = 0.0

    def timed_loader(doc_ids: list[int] | tuple[int, ...]) -> dict[int, str]:
        nonlocal loaded
        started = time.perf_counter()
        texts = archive.load_texts(doc_ids)
        loaded += time.perf_counter() - started
        return texts

    for q in range(args.queries):
        text = archive.query_text(q)
        loaded = 0.0
        started = time.perf_counter()
        candidates = index.candidates(near_duplicates.probe(text))
        matches = near_duplicates.verify(text, candidates, timed_loader, threshold)
        spent = time.perf_counter() - started
        total_ms.append(spent * 1000)
        without_load_ms.append((spent - loaded) * 1000)
        candidate_counts.append(len(candidates))
        found.append({m.doc_id for m in matches})

    print(f"query (fingerprint + LSH lookup + exact verification), {args.queries} queries:")
    print(
        f"  median {statistics.median(total_ms):.1f} ms, p95 {_percentile(total_ms, 0.95):.1f} ms, "
        f"max {max(total_ms):.1f} ms"
    )
    print(
        f"  without regenerating candidate texts (the stand-in for a DB fetch): median "
        f"{statistics.median(without_load_ms):.1f} ms, p95 {_percentile(without_load_ms, 0.95):.1f} ms"
    )
    print(
        f"  candidates verified per query: median {statistics.median(candidate_counts):.0f}, "
        f"max {max(candidate_counts)}"
    )

    # Planted truth: the planted documents whose exact score reaches the threshold.
    planted_true = 0
    planted_found = 0
    per_kind: dict[str, list[int]] = {}
    planted_by_topic: dict[str, list[int]] = {}
    for q in range(args.queries):
        query = near_duplicates._codes(normalise(archive.query_text(q)))
        for doc_id in archive.query_plants[q]:
            doc = near_duplicates._codes(normalise(archive.text(doc_id)))
            if near_duplicates.similarity_of_codes(query, doc).score >= threshold:
                planted_by_topic.setdefault(_query_topic(archive, q), []).append(q)
                planted_true += 1
                hit = doc_id in found[q]
                planted_found += hit
                per_kind.setdefault(archive.query_kinds[q], [0, 0])
                per_kind[archive.query_kinds[q]][0] += 1
                per_kind[archive.query_kinds[q]][1] += hit
    print(
        f"recall on planted copies scoring >= {threshold}: {planted_found}/{planted_true} "
        f"= {planted_found / max(planted_true, 1):.3f}"
    )
    for kind, (true, hit) in sorted(per_kind.items()):
        print(f"  {kind:18s} {hit}/{true}")

    if args.brute_matches:
        # Whole topics, those holding the most planted matches first, until there are enough.
        sample: list[int] = []
        matches_in_sample = 0
        for topic, qs in sorted(planted_by_topic.items(), key=lambda item: -len(item[1])):
            if matches_in_sample >= args.brute_matches:
                break
            sample += [q for q in range(args.queries) if _query_topic(archive, q) == topic]
            matches_in_sample += len(qs)
        started = time.perf_counter()
        truth, per_pair, pairs, cross_hits = brute_force(archive, sample, args.workers, cross_topic=2000)
        wall = time.perf_counter() - started
        true_pairs = sum(len(t) for t in truth.values())
        hit_pairs = sum(len(truth[q] & found[q]) for q in sample)
        planted_in_truth = sum(len(truth[q] & set(archive.query_plants[q])) for q in sample)
        extra = sum(len(found[q] - truth[q]) for q in sample)
        lsh_ms = statistics.median(total_ms)
        topics_used = len({_query_topic(archive, q) for q in sample})
        print(
            f"brute force, {len(sample)} queries of {topics_used} topics, every same-topic document + 2,000 others "
            f"({pairs:,} query-document pairs, {wall:.0f} s wall):"
        )
        print(
            f"  per query-document pair: {per_pair * 1000:.2f} ms "
            f"-> one query against all {args.n:,}: {per_pair * args.n:.0f} s (extrapolated), "
            f"vs {lsh_ms:.1f} ms with LSH"
        )
        print(
            f"  recall of LSH relative to brute force: {hit_pairs}/{true_pairs} = "
            f"{hit_pairs / max(true_pairs, 1):.3f} ({planted_in_truth} of the true pairs planted); "
            f"LSH matches brute force did not list: {extra}"
        )
        print(f"  matches among the other-topic samples (the shortcut's check): {cross_hits}")

    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: {peak_self:,.0f} MB (this process), {peak_children:,.0f} MB (largest worker)")


if __name__ == "__main__":
    main()

"""Find documents already issued that a new text copies, wholly or in part.

The gate's necessity review (严审发文必要性) must show the reviewer earlier documents
that a draft repeats: a reworded copy, a relabelled one (红头→便笺), a county
re-issue of an upper-level document (照抄照搬), or an excerpt of one. An archive holds
up to millions of documents, and unrelated documents on the same topic share much
boilerplate (各镇（街道）, 高度重视, 切实加强组织领导), so the design is:

1. **Normalise** (``chinese_text.normalise``): script, variants, width and punctuation
   do not matter.
2. **Chunk** the normalised text at *content-defined* boundaries: a position is a
   boundary when the hash of the character 3-gram there falls in a fixed residue class
   (as rsync/LBFS do). The same passage is cut the same way wherever it appears, so an
   excerpt of a long document shares whole chunks with it, and an inserted sentence
   only disturbs the chunk it lands in. Chunks average ~110 characters.
3. **MinHash** every chunk's set of 3-grams (``NUM_PERM`` multiply-shift hash functions,
   one numpy pass per document) and **LSH-band** it: ``BANDS`` bands of ``ROWS`` rows,
   each band hashed to a signed 64-bit key. Two chunks with Jaccard similarity J share
   at least one key with probability 1-(1-J^ROWS)^BANDS: ≈0.98 at J=0.8, ≈0.65 at
   J=0.6, ≈0.06 at J=0.3. A copied document has dozens of chunks, so missing a few
   does not matter, while the near-identical chunks needed for a hit rarely come from
   boilerplate alone. Matching by chunk rather than whole document is what makes
   containment (a short excerpt of a long document) as findable as a full copy, with
   no size-partitioned LSH Ensemble.
4. **Rank** candidate documents by how much of the query (or of the candidate) their
   colliding chunks cover; keys shared by very many documents (a common addressee
   line) are skipped as stop keys.
5. **Verify** the best candidates exactly on the texts: the score is the share of
   characters covered by shared passages — runs of shared 3-grams, where gaps of a few
   3-grams (a synonym swap) are bridged and runs shorter than ``MIN_RUN`` (a stock
   phrase) are ignored. Score = the larger of the query's and the candidate's coverage;
   kind says which side is copied: ``copy`` (both), ``excerpt`` (the query is
   mostly inside the candidate) or ``contains`` (the candidate is mostly inside the
   query).

Storage: ``Fingerprint.to_bytes()`` fits a BinaryField; ``Fingerprint.band_key_rows()``
gives the (key, chunk_no) rows of an indexed key table; ``rank_candidates`` ranks the
rows such a table returns for the query's keys, and ``verify`` scores the candidates'
texts. ``NearDuplicateIndex`` does the same in memory (numpy arrays sorted by key,
saved and memory-mapped back with ``save``/``load``).
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from qingzhuang.lib.chinese_text import normalise, normalise_with_offsets

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
Kind = Literal["copy", "excerpt", "contains"]
TextLoader = Callable[[Sequence[int]], Mapping[int, str]]

SHINGLE = 3  # characters; 2-grams are mostly single words, 4-grams die under synonym swaps
CHUNK_MIN = 48  # shingles; below this a chunk's Jaccard is too noisy to band
CHUNK_DIVISOR = 64  # a boundary candidate every 64 positions on average
CHUNK_MAX = 320
BANDS = 8
ROWS = 4
NUM_PERM = BANDS * ROWS
MIN_RUN = 8  # shingles, i.e. 10 characters: longer than most stock phrases
GAP = 4  # shingles; one 2-character synonym swap breaks exactly 4 consecutive 3-grams
DEFAULT_THRESHOLD = 0.5
MAX_CANDIDATES = 24  # verified per query; each costs a text load and ~0.5 ms
MIN_ESTIMATE = 0.08  # coverage estimated from colliding chunks, before verification
MAX_POSTINGS = 2000  # a key shared by more documents than this is boilerplate

_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
_rng = np.random.default_rng(20240611)  # fixed: stored keys must stay comparable
_PERM_A = (_rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_PERM_B = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_BAND_SEEDS = _rng.integers(1, 2**63, BANDS, dtype=np.uint64)
_SHINGLE_MULT = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F),
                 np.uint64(0x165667B19E3779F9))
_FORMAT_VERSION = 1


def _mix(x: U64) -> U64:
    """splitmix64 finaliser: spreads structured input (code points) over all 64 bits."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle_hashes(normalised: str) -> U64:
    """Hash every character 3-gram of an already normalised text, in order."""
    codes = np.frombuffer(normalised.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) < SHINGLE:
        return _mix(codes[:1] * _SHINGLE_MULT[0]) if len(codes) else np.empty(0, np.uint64)
    n = len(codes) - SHINGLE + 1
    combined = codes[:n] * _SHINGLE_MULT[0]
    for offset in range(1, SHINGLE):
        combined = combined ^ (codes[offset:offset + n] * _SHINGLE_MULT[offset])
    return _mix(combined)


def chunk_starts(hashes: U64) -> npt.NDArray[np.intp]:
    """Content-defined chunk starts (shingle positions) for a shingle-hash sequence."""
    n = len(hashes)
    # The top bits decide boundaries; the permutations below use the whole word.
    natural = np.flatnonzero((hashes >> np.uint64(52)) % np.uint64(CHUNK_DIVISOR) == 0)
    starts = [0]
    last = 0
    for position in natural.tolist():
        while position - last > CHUNK_MAX:
            last += CHUNK_MAX
            starts.append(last)
        if position - last >= CHUNK_MIN and n - position >= CHUNK_MIN:
            starts.append(position)
            last = position
    while n - last > CHUNK_MAX + CHUNK_MIN:
        last += CHUNK_MAX
        starts.append(last)
    return np.asarray(starts, dtype=np.intp)


def chunk_signatures(hashes: U64, starts: npt.NDArray[np.intp]) -> npt.NDArray[np.uint32]:
    """MinHash (NUM_PERM values) of each chunk's shingle set."""
    if len(hashes) == 0:
        return np.zeros((0, NUM_PERM), dtype=np.uint32)
    permuted = hashes[:, None] * _PERM_A[None, :] + _PERM_B[None, :]
    minima = np.minimum.reduceat(permuted, starts, axis=0)
    return (minima >> np.uint64(32)).astype(np.uint32)


def band_keys(signatures: npt.NDArray[np.uint32]) -> I64:
    """One signed 64-bit key per (chunk, band); equal bands give equal keys."""
    rows = signatures.reshape(len(signatures), BANDS, ROWS).astype(np.uint64)
    key = np.broadcast_to(_BAND_SEEDS, rows.shape[:2]).copy()
    for row in range(ROWS):
        key = _mix(key ^ rows[:, :, row])
    return key.view(np.int64)


@dataclass(frozen=True)
class Fingerprint:
    """What the index stores for a document: per-chunk MinHash signatures and chunk sizes."""

    signature: bytes  # chunk_count × NUM_PERM uint32, little-endian, chunk-major
    chunk_sizes: tuple[int, ...]  # shingles per chunk
    keys: I64 = field(repr=False, compare=False)  # chunk_count × BANDS

    @property
    def shingle_count(self) -> int:
        return sum(self.chunk_sizes)

    @property
    def chunk_count(self) -> int:
        return len(self.chunk_sizes)

    @property
    def band_keys(self) -> list[int]:
        """All LSH keys, chunk-major: key ``i`` belongs to chunk ``i // BANDS``."""
        return [int(k) for k in self.keys.ravel()]

    def band_key_rows(self) -> list[tuple[int, int]]:
        """(key, chunk_no) rows for an indexed key table; duplicates removed."""
        chunk_nos = np.repeat(np.arange(self.chunk_count), BANDS)
        return sorted({(int(k), int(c)) for k, c in zip(self.keys.ravel(), chunk_nos, strict=True)})

    def to_bytes(self) -> bytes:
        header = struct.pack("<BHHI", _FORMAT_VERSION, NUM_PERM, BANDS, self.chunk_count)
        sizes = np.asarray(self.chunk_sizes, dtype="<u2").tobytes()
        return header + sizes + self.signature

    @classmethod
    def from_bytes(cls, data: bytes) -> Fingerprint:
        version, num_perm, bands, count = struct.unpack_from("<BHHI", data)
        if (version, num_perm, bands) != (_FORMAT_VERSION, NUM_PERM, BANDS):
            raise ValueError("fingerprint was made with other parameters; recompute it")
        offset = struct.calcsize("<BHHI")
        sizes = np.frombuffer(data, dtype="<u2", count=count, offset=offset)
        signature = data[offset + 2 * count:]
        signatures = np.frombuffer(signature, dtype="<u4").reshape(count, NUM_PERM)
        return cls(signature, tuple(int(s) for s in sizes), band_keys(signatures))


def fingerprint(text: str) -> Fingerprint:
    """Fingerprint a document's text."""
    return fingerprint_normalised(normalise(text))


def fingerprint_normalised(normalised: str) -> Fingerprint:
    hashes = shingle_hashes(normalised)
    starts = chunk_starts(hashes) if len(hashes) else np.zeros(0, dtype=np.intp)
    signatures = chunk_signatures(hashes, starts)
    sizes = np.diff(np.append(starts, len(hashes)))
    return Fingerprint(
        signature=signatures.astype("<u4").tobytes(),
        chunk_sizes=tuple(int(s) for s in sizes),
        keys=band_keys(signatures),
    )


# --- candidates ------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    doc_id: int
    estimate: float  # larger of the estimated query and candidate coverage
    query_estimate: float
    doc_estimate: float


@dataclass(frozen=True)
class Postings:
    """Key-table rows, one per (key, document, chunk), sorted by key."""

    keys: I64
    docs: I64
    chunk_nos: npt.NDArray[np.int32]
    doc_chunk_counts: npt.NDArray[np.int32]  # the row's document's chunk count

    @classmethod
    def from_rows(cls, rows: Sequence[tuple[int, int, int, int]]) -> Postings:
        """Build from unsorted (key, doc_id, chunk_no, doc_chunk_count) rows, e.g. from SQL."""
        table = np.asarray(rows, dtype=np.int64).reshape(-1, 4)
        order = np.argsort(table[:, 0], kind="stable")
        table = table[order]
        return cls(table[:, 0].copy(), table[:, 1].copy(),
                   table[:, 2].astype(np.int32), table[:, 3].astype(np.int32))


def rank_candidates(
    fp: Fingerprint,
    postings: Postings,
    *,
    max_postings: int = MAX_POSTINGS,
    min_estimate: float = MIN_ESTIMATE,
    limit: int = MAX_CANDIDATES,
    exclude: int | None = None,
) -> list[Candidate]:
    """Rank documents by the share of the query, or of themselves, their colliding chunks cover."""
    if fp.chunk_count == 0 or len(postings.keys) == 0:
        return []
    query_keys = fp.keys.ravel()
    lo = np.searchsorted(postings.keys, query_keys, side="left")
    hi = np.searchsorted(postings.keys, query_keys, side="right")
    lengths = hi - lo
    lengths[lengths > max_postings] = 0
    total = int(lengths.sum())
    if total == 0:
        return []
    # Expand every [lo, hi) range into row indices without a Python loop.
    row_owner = np.repeat(np.arange(len(query_keys)), lengths)
    row_index = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths) + lo[row_owner]
    docs = postings.docs[row_index]
    query_chunks = row_owner // BANDS
    sizes = np.asarray(fp.chunk_sizes, dtype=np.float64)

    # Query side: the distinct query chunks each document collides with, weighted by size.
    pairs = np.unique(docs * 65536 + query_chunks)
    pair_docs = pairs // 65536
    unique_docs, inverse = np.unique(pair_docs, return_inverse=True)
    query_cover = np.bincount(inverse, weights=sizes[pairs % 65536]) / sizes.sum()
    # Candidate side: the share of its own chunks that collide with the query.
    doc_pairs, first = np.unique(docs * 65536 + postings.chunk_nos[row_index], return_index=True)
    doc_of_pair = doc_pairs // 65536
    hit_chunks = np.bincount(np.searchsorted(unique_docs, doc_of_pair), minlength=len(unique_docs))
    chunk_counts = np.zeros(len(unique_docs), dtype=np.float64)
    chunk_counts[np.searchsorted(unique_docs, doc_of_pair)] = postings.doc_chunk_counts[row_index[first]]
    doc_cover = hit_chunks / np.maximum(chunk_counts, 1)

    estimate = np.maximum(query_cover, doc_cover)
    keep = estimate >= min_estimate
    if exclude is not None:
        keep &= unique_docs != exclude
    chosen = np.flatnonzero(keep)
    chosen = chosen[np.argsort(-estimate[chosen], kind="stable")][:limit]
    return [Candidate(int(unique_docs[i]), float(estimate[i]), float(query_cover[i]),
                      float(doc_cover[i])) for i in chosen]


# --- verification ----------------------------------------------------------------------


@dataclass(frozen=True)
class Similarity:
    score: float  # in [0, 1]
    kind: Kind
    query_coverage: float  # share of the query's characters inside shared passages
    doc_coverage: float  # the same for the other document


@dataclass(frozen=True)
class Match:
    doc_id: int
    score: float
    kind: Kind
    query_coverage: float
    doc_coverage: float


def _covered_chars(mask: npt.NDArray[np.bool_]) -> int:
    """Characters inside runs of shared shingles, after bridging short gaps."""
    if not mask.any():
        return 0
    padded = np.concatenate(([False], mask, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    run_starts, run_ends = edges[0::2], edges[1::2]
    # Bridge a gap when it is short: a synonym swap breaks a run, it does not end it.
    bridged = (run_starts[1:] - run_ends[:-1]) <= GAP
    starts = run_starts[np.concatenate(([True], ~bridged))]
    ends = run_ends[np.concatenate((~bridged, [True]))]
    lengths = ends - starts
    long_enough = lengths >= MIN_RUN
    return int((lengths[long_enough] + SHINGLE - 1).sum())


def similarity_of_hashes(query: U64, doc: U64, threshold: float = DEFAULT_THRESHOLD) -> Similarity:
    """Exact passage coverage both ways, from the two texts' shingle-hash sequences."""
    if len(query) == 0 or len(doc) == 0:
        return Similarity(0.0, "copy", 0.0, 0.0)
    query_cover = min(1.0, _covered_chars(np.isin(query, doc)) / (len(query) + SHINGLE - 1))
    doc_cover = min(1.0, _covered_chars(np.isin(doc, query)) / (len(doc) + SHINGLE - 1))
    kind: Kind
    if min(query_cover, doc_cover) >= threshold:
        kind = "copy"
    elif query_cover >= doc_cover:
        kind = "excerpt"
    else:
        kind = "contains"
    return Similarity(max(query_cover, doc_cover), kind, query_cover, doc_cover)


def similarity(query_text: str, doc_text: str, threshold: float = DEFAULT_THRESHOLD) -> Similarity:
    """Exact similarity of two texts (see the module docstring for what it measures)."""
    return similarity_of_hashes(shingle_hashes(normalise(query_text)),
                                shingle_hashes(normalise(doc_text)), threshold)


def verify(
    query_text: str,
    candidates: Sequence[Candidate],
    load_texts: TextLoader,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Match]:
    """Score candidates exactly and keep those at or above ``threshold``, best first."""
    if not candidates:
        return []
    texts = load_texts([c.doc_id for c in candidates])
    query = shingle_hashes(normalise(query_text))
    matches = []
    for candidate in candidates:
        text = texts.get(candidate.doc_id)
        if text is None:
            continue  # deleted since it was indexed
        result = similarity_of_hashes(query, shingle_hashes(normalise(text)), threshold)
        if result.score >= threshold:
            matches.append(Match(candidate.doc_id, result.score, result.kind,
                                 result.query_coverage, result.doc_coverage))
    return sorted(matches, key=lambda m: -m.score)


# --- passages for highlighting ---------------------------------------------------------

SEED = 6  # normalised characters that must match exactly to start a passage
MIN_PASSAGE = 12  # normalised characters; shorter shared bits are stock phrases
MERGE_GAP = 6  # normalised characters between passages that still read as one


def overlap_passages(a_text: str, b_text: str) -> list[tuple[int, int, int, int]]:
    """Shared passages as (a_start, a_end, b_start, b_end) spans of the original texts."""
    a, a_origin = normalise_with_offsets(a_text)
    b, b_origin = normalise_with_offsets(b_text)
    seeds: dict[str, list[int]] = {}
    for j in range(len(b) - SEED + 1):
        seeds.setdefault(b[j:j + SEED], []).append(j)

    found: list[tuple[int, int, int, int]] = []
    i = 0
    while i <= len(a) - SEED:
        best_length, best_j = 0, -1
        for j in seeds.get(a[i:i + SEED], ())[:16]:
            length = SEED
            while i + length < len(a) and j + length < len(b) and a[i + length] == b[j + length]:
                length += 1
            if length > best_length:
                best_length, best_j = length, j
        if best_length:
            found.append((i, i + best_length, best_j, best_j + best_length))
            i += best_length
        else:
            i += 1

    merged: list[list[int]] = []
    for a0, a1, b0, b1 in found:
        if merged:
            last = merged[-1]
            if 0 <= a0 - last[1] <= MERGE_GAP and 0 <= b0 - last[3] <= MERGE_GAP:
                last[1], last[3] = a1, b1
                continue
        merged.append([a0, a1, b0, b1])
    return [
        (a_origin[a0], a_origin[a1 - 1] + 1, b_origin[b0], b_origin[b1 - 1] + 1)
        for a0, a1, b0, b1 in merged
        if a1 - a0 >= MIN_PASSAGE
    ]


# --- in-memory index -------------------------------------------------------------------


class NearDuplicateIndex:
    """An in-memory key table with the same semantics as a database-backed one.

    ``add`` buffers; the sorted arrays are rebuilt lazily before the next lookup, so
    bulk loading is a sort, not a million inserts.
    """

    def __init__(self, load_texts: TextLoader | None = None) -> None:
        self.load_texts = load_texts
        self._postings = Postings(np.empty(0, np.int64), np.empty(0, np.int64),
                                  np.empty(0, np.int32), np.empty(0, np.int32))
        self._pending: list[tuple[I64, int, int]] = []
        self._doc_ids: set[int] = set()

    def __len__(self) -> int:
        return len(self._doc_ids)

    def add(self, doc_id: int, fp: Fingerprint) -> None:
        if doc_id in self._doc_ids:
            raise ValueError(f"document {doc_id} is already indexed")
        self._doc_ids.add(doc_id)
        self._pending.append((fp.keys, doc_id, fp.chunk_count))

    def add_arrays(self, doc_ids: Sequence[int], keys: I64, docs: I64,
                   chunk_nos: npt.NDArray[np.int32], doc_chunk_counts: npt.NDArray[np.int32]) -> None:
        """Bulk-load the rows of ``doc_ids`` (as ``Postings``) computed elsewhere."""
        self._doc_ids.update(doc_ids)
        self._merge(keys, docs, chunk_nos, doc_chunk_counts)

    def _flush(self) -> None:
        if not self._pending:
            return
        keys = np.concatenate([k.ravel() for k, _, _ in self._pending])
        counts = [k.size for k, _, _ in self._pending]
        docs = np.repeat([d for _, d, _ in self._pending], counts).astype(np.int64)
        chunk_nos = np.concatenate([np.repeat(np.arange(c, dtype=np.int32), BANDS)
                                    for _, _, c in self._pending])
        doc_chunks = np.repeat([c for _, _, c in self._pending], counts).astype(np.int32)
        self._pending = []
        self._merge(keys, docs, chunk_nos, doc_chunks)

    def _merge(self, keys: I64, docs: I64, chunk_nos: npt.NDArray[np.int32],
               doc_chunk_counts: npt.NDArray[np.int32]) -> None:
        old = self._postings
        if len(old.keys):
            keys = np.concatenate((old.keys, keys))
            docs = np.concatenate((old.docs, docs))
            chunk_nos = np.concatenate((old.chunk_nos, chunk_nos))
            doc_chunk_counts = np.concatenate((old.doc_chunk_counts, doc_chunk_counts))
        order = np.argsort(keys, kind="stable")
        self._postings = Postings(keys[order], docs[order], chunk_nos[order],
                                  doc_chunk_counts[order])

    def candidates(self, fp: Fingerprint, *, limit: int = MAX_CANDIDATES,
                   exclude: int | None = None) -> list[Candidate]:
        self._flush()
        return rank_candidates(fp, self._postings, limit=limit, exclude=exclude)

    def query(
        self,
        text: str,
        threshold: float = DEFAULT_THRESHOLD,
        *,
        fp: Fingerprint | None = None,
        exclude: int | None = None,
    ) -> list[Match]:
        """Indexed documents whose exact similarity with ``text`` is at least ``threshold``."""
        if self.load_texts is None:
            raise RuntimeError("the index needs load_texts to verify candidates")
        fp = fp or fingerprint(text)
        return verify(text, self.candidates(fp, exclude=exclude), self.load_texts, threshold)

    def save(self, directory: Path) -> None:
        self._flush()
        directory.mkdir(parents=True, exist_ok=True)
        for name in ("keys", "docs", "chunk_nos", "doc_chunk_counts"):
            np.save(directory / f"{name}.npy", getattr(self._postings, name))
        np.save(directory / "doc_ids.npy", np.fromiter(self._doc_ids, np.int64, len(self._doc_ids)))

    @classmethod
    def load(cls, directory: Path, load_texts: TextLoader | None = None,
             *, mmap: bool = True) -> NearDuplicateIndex:
        index = cls(load_texts)
        mode: Literal["r"] | None = "r" if mmap else None
        arrays = {name: np.load(directory / f"{name}.npy", mmap_mode=mode)
                  for name in ("keys", "docs", "chunk_nos", "doc_chunk_counts")}
        index._postings = Postings(**arrays)
        index._doc_ids = set(np.load(directory / "doc_ids.npy").tolist())
        return index

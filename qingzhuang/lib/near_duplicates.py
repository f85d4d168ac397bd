"""Find documents already issued that a new text copies, wholly or in part.

The gate's necessity review (严审发文必要性) must show the reviewer earlier documents
that a draft repeats: a reworded copy, a relabelled one (红头→便笺), a county
re-issue of an upper-level document (照抄照搬), or an excerpt of one. An archive holds
up to millions of documents, and unrelated documents on the same topic share much
boilerplate (各镇（街道）, 高度重视, 切实加强组织领导), so comparing a draft with every
document is too slow (~1.5 ms each: 25 minutes for a million) and comparing bags of
n-grams is too coarse. The design:

1. **Normalise** (``chinese_text.normalise``): script, variant glyphs, width and
   punctuation do not matter.
2. **Chunk** the normalised text at *content-defined* boundaries: a position is a
   boundary candidate when the hash of the character 3-gram there falls in a fixed
   residue class (as in rsync/LBFS), and chunks are at least CHUNK_MIN, at most
   CHUNK_MAX 3-grams long (~190 characters on average). The same passage is cut the
   same way wherever it appears, so an excerpt of a long document shares whole chunks
   with it, and an inserted sentence only disturbs the chunk it lands in. Chunk
   rather than document signatures are what make containment (a short excerpt of a
   long document, Jaccard ~0.1) as findable as a full copy, without a size-partitioned
   LSH Ensemble. Longer chunks separate better (the best-matching chunks of two
   unrelated same-topic documents have Jaccard < 0.26 in 99% of cases at this size,
   < 0.31 at ~110 characters), but a copied passage must span about a chunk to be found.
3. **MinHash** every chunk's 3-gram set with one-permutation hashing (NUM_PERM bins,
   O(n) per document) and **LSH-band** it: BANDS bands of ROWS bins, each band hashed
   to a signed 64-bit key. Two chunks of Jaccard J share a key with probability
   1-(1-J^ROWS)^BANDS: 0.98 at J=0.8, 0.65 at J=0.6, 0.06 at J=0.3. ROWS=4 because a
   heavily reworded copy (a synonym swap every ~15 characters) keeps chunk Jaccard
   around 0.6; a copy has many chunks, so missing some does not matter.
4. **Rank** candidate documents by how much of the query, or of themselves, their
   colliding chunks cover, each collision weighted by the rarity of its key: a key
   shared by hundreds of documents (a stock header) is weak evidence, one shared by
   MAX_POSTINGS or more is skipped. A short query also probes every span between two
   of its boundary candidates (``Probe``), since it has few chunks to spare.
5. **Verify** the best MAX_CANDIDATES exactly on the texts. Exact matches of at least
   ANCHOR characters are grouped by alignment; matches on one alignment with gaps of
   at most GAP_CHARS (a synonym swap) form a passage, and passages shorter than
   MIN_PASSAGE characters (stock phrases) are dropped. Score = the larger of the
   share of the query and the share of the candidate covered by passages; kind says
   which side is copied: ``copy`` (both reach the threshold), ``excerpt`` (the query
   is mostly inside the candidate) or ``contains`` (the other way round). Unrelated
   same-topic documents score 0.1–0.35, copies 0.7–1.0: DEFAULT_THRESHOLD is 0.5.

Storage: ``Fingerprint.to_bytes()`` fits a BinaryField; ``Fingerprint.band_key_rows()``
gives the (key, chunk_no) rows of an indexed key table; ``rank_candidates`` ranks
``Postings.from_rows(...)`` of the rows such a table returns for ``probe(text).keys``,
and ``verify`` scores the candidates' texts. ``NearDuplicateIndex`` does the same in
memory (numpy arrays sorted by key, saved and memory-mapped back by ``save``/``load``).
``overlap_passages`` gives the spans to highlight, in the original texts.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from qingzhuang.lib.chinese_text import normalise, normalise_with_offsets

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
Ints = npt.NDArray[np.integer[Any]]
Kind = Literal["copy", "excerpt", "contains"]
TextLoader = Callable[[Sequence[int]], Mapping[int, str]]

SHINGLE = 3  # characters; 2-grams are mostly whole words, found everywhere; 4-grams separated no better
CHUNK_MIN = 96  # shingles; below this a chunk's Jaccard is too noisy to band
CHUNK_DIVISOR = 128  # a boundary candidate every 128 positions on average
CHUNK_MAX = 512
BANDS = 8
ROWS = 4
NUM_PERM = BANDS * ROWS
DEFAULT_THRESHOLD = 0.5
MAX_CANDIDATES = 24  # verified per query; each costs a text load and ~1.5 ms
MIN_ESTIMATE = 0.1  # coverage estimated from colliding chunks, before verification
MIN_VERIFIED = 8  # ... but this many are verified whatever their estimate
MAX_POSTINGS = 2000  # a key shared by this many documents is boilerplate: skipped
RARE_POSTINGS = 8  # a key shared by at most this many documents is full evidence
# See rank_candidates. Tuned on the 1M-document bench, where they moved the 99th
# percentile of the rank of true matches among candidates from 66th to 12th.
SINGLE_BAND_WEIGHT = 0.25
SPREAD = 3  # chunks of a document
# The second path (see ``passage_keys``): sampled 8-grams, one position in PASSAGE_EVERY.
PASSAGE_GRAM = 8  # characters: longer than stock phrases' pieces, shorter than a synonym-free run
PASSAGE_EVERY = 32  # ~56 keys per 1,800-字 document, about half the band keys' rows
# Unlike the chunk path, no candidate is verified on rank alone: in the labelled sets the
# passage path's true finds estimate >= 0.17, 99% of its wrong ones < 0.17 (a stock phrase
# or two), and each verification costs a text load.
PASSAGE_MIN_ESTIMATE = 0.15

_rng = np.random.default_rng(20240611)  # fixed: stored keys must stay comparable
_OPH_SALT = np.uint64(_rng.integers(1, 2**63))
EMPTY_BIN = np.uint32(0xFFFFFFFF)
_BAND_SEEDS = _rng.integers(1, 2**63, BANDS, dtype=np.uint64)
_SHINGLE_MULT = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))
_PASSAGE_MULT = _rng.integers(1, 2**63, PASSAGE_GRAM, dtype=np.uint64) | np.uint64(1)
_FORMAT_VERSION = 2


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
        combined = combined ^ (codes[offset : offset + n] * _SHINGLE_MULT[offset])
    return _mix(combined)


def natural_boundaries(hashes: U64) -> npt.NDArray[np.intp]:
    """Positions whose shingle hash makes them a boundary candidate (about 1 in CHUNK_DIVISOR)."""
    # The top bits decide boundaries; the MinHash bins re-mix the whole word.
    return np.flatnonzero((hashes >> np.uint64(52)) % np.uint64(CHUNK_DIVISOR) == 0)


def passage_keys(normalised: str) -> I64:
    """The text's sampled 8-grams, sorted and distinct: the second candidate path.

    MinHash over ~190-character chunks misses a short excerpt (two paragraphs of a
    county notice) when the archived document's chunks straddle the copied passage:
    no window of the excerpt reaches the chunk's Jaccard that banding needs. An
    8-gram is kept when its hash falls in one residue class out of PASSAGE_EVERY —
    a rule on content alone, so a passage copied anywhere keeps the same samples
    (about one in 32 positions, every run of 8 unchanged characters has its chance).
    A copied paragraph of 200 字 shares ~6 of them with its source whatever the
    chunking; stock phrases share samples with thousands of documents and weigh
    nothing (see ``rank_passages``).
    """
    codes = np.frombuffer(normalised.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - PASSAGE_GRAM + 1
    if n <= 0:
        return np.empty(0, dtype=np.int64)
    combined = codes[:n] * _PASSAGE_MULT[0]
    for offset in range(1, PASSAGE_GRAM):
        combined = combined ^ (codes[offset : offset + n] * _PASSAGE_MULT[offset])
    mixed = _mix(combined)
    return np.unique(mixed[(mixed >> np.uint64(40)) % np.uint64(PASSAGE_EVERY) == 0]).view(np.int64)


def chunk_starts(hashes: U64) -> npt.NDArray[np.intp]:
    """Content-defined chunk starts (shingle positions) for a shingle-hash sequence."""
    n = len(hashes)
    natural = natural_boundaries(hashes)
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
    """One-permutation MinHash (NUM_PERM bins) of each chunk's shingle set.

    Each shingle is hashed once and falls into one of NUM_PERM bins; a chunk's signature
    is the minimum per bin (Li, Owen & Zhang 2012). That is O(n) instead of the
    O(n x NUM_PERM) of classic MinHash, which decides whether a million documents can
    be fingerprinted in minutes. An empty bin keeps EMPTY_BIN; two chunks then agree on
    it by chance only where both are small, which banding on ROWS bins at once absorbs.
    """
    return window_signatures(hashes, starts, np.append(starts[1:], len(hashes)).astype(np.intp))


def window_signatures(hashes: U64, starts: npt.NDArray[np.intp], ends: npt.NDArray[np.intp]) -> npt.NDArray[np.uint32]:
    """The same as ``chunk_signatures`` for arbitrary, possibly overlapping windows."""
    count = len(starts)
    if count == 0 or len(hashes) == 0:
        return np.zeros((0, NUM_PERM), dtype=np.uint32)
    sizes = ends - starts
    window_of = np.repeat(np.arange(count, dtype=np.uint64), sizes)
    positions = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes) + np.repeat(starts, sizes)
    # Re-mix: chunk boundaries were chosen on the top bits of the same hashes.
    mixed = _mix(hashes[positions] ^ _OPH_SALT)
    cells = window_of * np.uint64(NUM_PERM) + (mixed % np.uint64(NUM_PERM))
    # Sorting (cell, value) pairs and keeping each cell's first is a vectorised min-per-cell.
    ordered = np.sort((cells << np.uint64(32)) | (mixed >> np.uint64(32)))
    cell_sorted = ordered >> np.uint64(32)
    first = np.concatenate(([True], cell_sorted[1:] != cell_sorted[:-1]))
    signatures = np.full(count * NUM_PERM, EMPTY_BIN, dtype=np.uint32)
    signatures[cell_sorted[first].astype(np.intp)] = ordered[first] & np.uint64(0xFFFFFFFF)
    return signatures.reshape(count, NUM_PERM)


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
    passages: I64 = field(default_factory=lambda: np.empty(0, np.int64), repr=False, compare=False)

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

    def passage_rows(self) -> list[int]:
        """The sampled 8-gram keys for an indexed passage table (distinct)."""
        return [int(k) for k in self.passages]

    def to_bytes(self) -> bytes:
        header = struct.pack("<BHHII", _FORMAT_VERSION, NUM_PERM, BANDS, self.chunk_count, len(self.passages))
        sizes = np.asarray(self.chunk_sizes, dtype="<u2").tobytes()
        return header + sizes + np.asarray(self.passages, dtype="<i8").tobytes() + self.signature

    @classmethod
    def from_bytes(cls, data: bytes) -> Fingerprint:
        version, num_perm, bands = struct.unpack_from("<BHH", data)
        if (version, num_perm, bands) != (_FORMAT_VERSION, NUM_PERM, BANDS):
            raise ValueError("fingerprint was made with other parameters; recompute it")
        _v, _p, _b, count, passage_count = struct.unpack_from("<BHHII", data)
        offset = struct.calcsize("<BHHII")
        sizes = np.frombuffer(data, dtype="<u2", count=count, offset=offset)
        offset += 2 * count
        passages = np.frombuffer(data, dtype="<i8", count=passage_count, offset=offset).astype(np.int64)
        signature = data[offset + 8 * passage_count :]
        signatures = np.frombuffer(signature, dtype="<u4").reshape(count, NUM_PERM)
        return cls(signature, tuple(int(s) for s in sizes), band_keys(signatures), passages)


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
        passages=passage_keys(normalised),
    )


@dataclass(frozen=True)
class Probe:
    """A query's lookup windows: its own chunks and, when it is short, more.

    An indexed chunk lying inside a passage the query copied runs between two boundary
    candidates of that passage, which the query has too; but the query's own chunking,
    started from its own first character, may not pick the same pairs. A short query —
    an excerpt of a few sentences — has too few chunks to afford that, so it also
    probes every span between two of its boundary candidates that could be a chunk.
    """

    windows: npt.NDArray[np.intp]  # rows of (start, end) in shingle positions
    keys: I64  # len(windows) × BANDS
    shingle_count: int
    passages: I64 = field(default_factory=lambda: np.empty(0, np.int64))

    @property
    def band_keys(self) -> list[int]:
        """The distinct keys to look up in a key table."""
        return [int(k) for k in np.unique(self.keys)]


PROBE_BELOW = 8  # chunks; longer queries copy long passages, which their chunks already cover


def probe(text: str) -> Probe:
    return probe_normalised(normalise(text))


def probe_normalised(normalised: str) -> Probe:
    hashes = shingle_hashes(normalised)
    n = len(hashes)
    if n == 0:
        return Probe(np.zeros((0, 2), dtype=np.intp), np.zeros((0, BANDS), dtype=np.int64), 0, passage_keys(normalised))
    starts = chunk_starts(hashes)
    windows = np.stack((starts, np.append(starts[1:], n)), axis=1)
    if len(starts) < PROBE_BELOW:
        cuts = np.unique(np.concatenate(([0], natural_boundaries(hashes), [n])))
        first, second = np.triu_indices(len(cuts), k=1)
        spans = cuts[second] - cuts[first]
        useful = (spans >= CHUNK_MIN) & (spans <= CHUNK_MAX + CHUNK_MIN)
        extra = np.stack((cuts[first][useful], cuts[second][useful]), axis=1)
        windows = np.unique(np.concatenate((windows, extra)), axis=0)
    windows = windows.astype(np.intp)
    signatures = window_signatures(hashes, windows[:, 0], windows[:, 1])
    return Probe(windows, band_keys(signatures), n, passage_keys(normalised))


def _as_probe(query: Probe | Fingerprint) -> Probe:
    if isinstance(query, Probe):
        return query
    sizes = np.asarray(query.chunk_sizes, dtype=np.intp)
    ends = np.cumsum(sizes)
    return Probe(np.stack((ends - sizes, ends), axis=1), query.keys, query.shingle_count, query.passages)


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
    docs: Ints  # any integer width: a million-document table is smaller in int32
    chunk_nos: Ints
    doc_chunk_counts: Ints  # the row's document's chunk count

    @classmethod
    def from_rows(cls, rows: Sequence[tuple[int, ...]]) -> Postings:
        """Build from unsorted (key, doc_id, chunk_no, doc_chunk_count) rows, e.g. from SQL."""
        table = np.asarray(rows, dtype=np.int64).reshape(-1, 4)
        order = np.argsort(table[:, 0], kind="stable")
        table = table[order]
        return cls(table[:, 0].copy(), table[:, 1].copy(), table[:, 2].astype(np.int32), table[:, 3].astype(np.int32))


def rank_candidates(
    query: Probe | Fingerprint,
    postings: Postings,
    *,
    max_postings: int = MAX_POSTINGS,
    min_estimate: float = MIN_ESTIMATE,
    limit: int = MAX_CANDIDATES,
    exclude: int | None = None,
) -> list[Candidate]:
    """Rank documents by the share of the query, or of themselves, their colliding chunks cover.

    Not all collisions are equal evidence. A key that many documents share (a stock
    header, a common paragraph) counts with a rarity weight: 1 up to RARE_POSTINGS
    documents, falling logarithmically to 0 at ``max_postings``. And a window that
    shares a single band with a document counts SINGLE_BAND_WEIGHT, unless the
    document collides in SPREAD or more of its chunks: boilerplate collides once, in
    one place, while a copied chunk usually agrees on several bands, and a heavily
    reworded copy, whose chunks agree on one band at most, collides all over.
    """
    probe = _as_probe(query)
    if probe.shingle_count == 0 or len(postings.keys) == 0:
        return []
    query_keys = probe.keys.ravel()
    lo = np.searchsorted(postings.keys, query_keys, side="left")
    lengths = np.searchsorted(postings.keys, query_keys, side="right") - lo
    lengths[lengths >= max_postings] = 0
    total = int(lengths.sum())
    if total == 0:
        return []
    key_weight = np.clip(np.log(max_postings / np.maximum(lengths, 1)) / np.log(max_postings / RARE_POSTINGS), 0.0, 1.0)
    # Expand every [lo, hi) range into row indices without a Python loop.
    row_owner = np.repeat(np.arange(len(query_keys)), lengths)
    row_index = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths) + lo[row_owner]
    row_window = row_owner // BANDS
    unique_docs, row_doc = np.unique(postings.docs[row_index], return_inverse=True)
    row_chunk = postings.chunk_nos[row_index].astype(np.int64)

    doc_chunk_pairs, first_of_pair = np.unique(row_doc * 65536 + row_chunk, return_index=True)
    spread = np.bincount(doc_chunk_pairs >> 16, minlength=len(unique_docs))
    _, row_pair, bands = np.unique(row_doc * 65536 + row_window, return_inverse=True, return_counts=True)
    strong = (bands[row_pair] >= 2) | (spread[row_doc] >= SPREAD)
    weights = key_weight[row_owner] * np.where(strong, 1.0, SINGLE_BAND_WEIGHT)

    # Heaviest rows first, so that np.unique's first occurrence is the heaviest.
    order = np.argsort(-weights, kind="stable")
    row_window, row_doc, row_chunk, weights = row_window[order], row_doc[order], row_chunk[order], weights[order]
    row_index = row_index[order]

    # Query side: how much of the query the windows colliding with each document cover.
    _, first = np.unique(row_doc * 65536 + row_window, return_index=True)
    window = probe.windows[row_window[first]]
    query_cover = (
        _weighted_union(row_doc[first], window[:, 0], window[:, 1], weights[first], len(unique_docs))
        / probe.shingle_count
    )
    # Candidate side: the share of its own chunks that collide with the query.
    _, first = np.unique(row_doc * 65536 + row_chunk, return_index=True)
    hit_chunks = np.bincount(row_doc[first], weights=weights[first], minlength=len(unique_docs))
    chunk_counts = np.ones(len(unique_docs), dtype=np.float64)
    chunk_counts[row_doc[first]] = postings.doc_chunk_counts[row_index[first]]
    doc_cover = hit_chunks / chunk_counts

    estimate = np.maximum(query_cover, doc_cover)
    chosen = np.argsort(-estimate, kind="stable")
    if exclude is not None:
        chosen = chosen[unique_docs[chosen] != exclude]
    # The best few are worth verifying whatever their estimate: in a small archive a
    # weakly colliding copy may be all there is, and it costs little.
    ranks = np.arange(len(chosen))
    chosen = chosen[(estimate[chosen] >= min_estimate) | (ranks < MIN_VERIFIED)][:limit]
    return [
        Candidate(int(unique_docs[i]), float(estimate[i]), float(query_cover[i]), float(doc_cover[i])) for i in chosen
    ]


def _weighted_union(
    group: npt.NDArray[np.intp],
    starts: npt.NDArray[np.intp],
    ends: npt.NDArray[np.intp],
    weights: npt.NDArray[np.float64],
    groups: int,
) -> npt.NDArray[np.float64]:
    """Per group, the length of the union of its intervals, each newly covered stretch weighted."""
    order = np.lexsort((starts, group))
    group, starts, ends, weights = group[order], starts[order], ends[order], weights[order]
    # Offsetting each group past the previous one lets one running maximum serve all groups.
    offset = group.astype(np.int64) * (int(ends.max()) + 1)
    starts_o, ends_o = starts + offset, ends + offset
    reach = np.concatenate(([0], np.maximum.accumulate(ends_o)[:-1]))
    new = np.maximum(0, ends_o - np.maximum(starts_o, reach))
    return np.bincount(group, weights=new * weights, minlength=groups).astype(np.float64)


@dataclass(frozen=True)
class PassagePostings:
    """Passage-table rows, one per (sampled 8-gram key, document), sorted by key."""

    keys: I64
    docs: Ints
    doc_counts: Ints  # the row's document's number of passage keys

    @classmethod
    def from_rows(cls, rows: Sequence[tuple[int, ...]]) -> PassagePostings:
        """Build from unsorted (key, doc_id, doc_passage_count) rows, e.g. from SQL."""
        table = np.asarray(rows, dtype=np.int64).reshape(-1, 3)
        table = table[np.argsort(table[:, 0], kind="stable")]
        return cls(table[:, 0].copy(), table[:, 1].copy(), table[:, 2].astype(np.int32))

    @classmethod
    def empty(cls) -> PassagePostings:
        return cls(np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.int32))


def rank_passages(
    query: Probe | Fingerprint,
    postings: PassagePostings,
    *,
    limit: int = MAX_CANDIDATES,
    exclude: int | None = None,
    max_postings: int = MAX_POSTINGS,
    min_estimate: float = PASSAGE_MIN_ESTIMATE,
) -> list[Candidate]:
    """Rank documents by the sampled 8-grams they share with the query, rare ones weighing most.

    The query estimate is the weighted share of the query's samples a document holds,
    the document estimate the share of its own samples the query holds; a key held by
    max_postings documents or more is a stock phrase and skipped, as in rank_candidates.
    """
    keys = np.asarray(query.passages, dtype=np.int64)
    if len(keys) == 0 or len(postings.keys) == 0:
        return []
    lo = np.searchsorted(postings.keys, keys, side="left")
    lengths = np.searchsorted(postings.keys, keys, side="right") - lo
    lengths[lengths >= max_postings] = 0
    total = int(lengths.sum())
    if total == 0:
        return []
    key_weight = np.clip(np.log(max_postings / np.maximum(lengths, 1)) / np.log(max_postings / RARE_POSTINGS), 0.0, 1.0)
    row_owner = np.repeat(np.arange(len(keys)), lengths)
    row_index = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths) + lo[row_owner]
    unique_docs, row_doc = np.unique(postings.docs[row_index], return_inverse=True)
    weights = key_weight[row_owner]
    query_cover = np.bincount(row_doc, weights=weights, minlength=len(unique_docs)) / len(keys)
    doc_counts = np.ones(len(unique_docs), dtype=np.float64)
    doc_counts[row_doc] = np.maximum(postings.doc_counts[row_index], 1)
    doc_cover = np.minimum(1.0, np.bincount(row_doc, weights=weights, minlength=len(unique_docs)) / doc_counts)
    estimate = np.maximum(query_cover, doc_cover)
    chosen = np.argsort(-estimate, kind="stable")
    if exclude is not None:
        chosen = chosen[unique_docs[chosen] != exclude]
    chosen = chosen[estimate[chosen] >= min_estimate][:limit]
    return [
        Candidate(int(unique_docs[i]), float(estimate[i]), float(query_cover[i]), float(doc_cover[i])) for i in chosen
    ]


def find_candidates(
    query: Probe | Fingerprint,
    postings: Postings,
    passages: PassagePostings,
    *,
    limit: int = MAX_CANDIDATES,
    exclude: int | None = None,
) -> list[Candidate]:
    """Both paths' candidates: chunk MinHash bands (rewordings) and sampled 8-grams (excerpts).

    Each path keeps its best ``limit``; their union is verified, so one path's strong
    candidates never push the other's true match out.
    """
    return merge_candidates(
        rank_candidates(query, postings, limit=limit, exclude=exclude),
        rank_passages(query, passages, limit=limit, exclude=exclude),
    )


def merge_candidates(*lists: Sequence[Candidate]) -> list[Candidate]:
    """The union of both paths' candidates, each document once with its best estimate, best first."""
    best: dict[int, Candidate] = {}
    for candidates in lists:
        for candidate in candidates:
            if candidate.doc_id not in best or candidate.estimate > best[candidate.doc_id].estimate:
                best[candidate.doc_id] = candidate
    return sorted(best.values(), key=lambda c: -c.estimate)


# --- verification ----------------------------------------------------------------------

ANCHOR = 4  # characters that must match exactly to place two texts side by side
MAX_OCCURRENCES = 8  # an anchor repeated more often in the other text is ignored
GAP_CHARS = 4  # bridged on the same alignment: a synonym swap of up to 4 characters
MIN_PASSAGE = 12  # characters; shared stretches shorter than this are stock phrases
MERGE_GAP = 6  # highlighting only: neighbouring passages closer than this read as one


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


def _codes(normalised: str) -> U64:
    return np.frombuffer(normalised.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def _anchor_hashes(codes: U64) -> U64:
    n = len(codes) - ANCHOR + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    combined = codes[:n].copy()
    for offset in range(1, ANCHOR):
        combined = combined * np.uint64(0x100000001B3) ^ codes[offset : offset + n]
    return combined


def shared_passages(a: U64, b: U64) -> npt.NDArray[np.int64]:
    """Passages of ``a`` that also occur in ``b``, as rows (a_start, a_end, b_start, b_end).

    ``a`` and ``b`` are code-point arrays of normalised texts. Exact matches of at least
    ANCHOR characters are grouped by alignment (b position minus a position); matches on
    one alignment separated by at most GAP_CHARS are one passage, so a synonym swap does
    not split a copied sentence, while stock phrases that two unrelated texts share sit
    on unrelated alignments and stay short.
    """
    empty = np.empty((0, 4), dtype=np.int64)
    a_hash, b_hash = _anchor_hashes(a), _anchor_hashes(b)
    if len(a_hash) == 0 or len(b_hash) == 0:
        return empty
    order = np.argsort(b_hash, kind="stable")
    sorted_b = b_hash[order]
    lo = np.searchsorted(sorted_b, a_hash, side="left")
    counts = np.searchsorted(sorted_b, a_hash, side="right") - lo
    counts[counts > MAX_OCCURRENCES] = 0
    total = int(counts.sum())
    if total == 0:
        return empty
    i = np.repeat(np.arange(len(a_hash), dtype=np.int64), counts)
    j = order[np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts) + lo[i]]
    shift = j - i
    # Sort by alignment, then position (``i`` is ascending already, and the sort is
    # stable); consecutive anchors on one alignment form runs.
    by_alignment = np.argsort(shift, kind="stable")
    i, shift = i[by_alignment], shift[by_alignment]
    gap = np.diff(i)
    same_alignment = np.diff(shift) == 0
    # A new passage starts where the alignment changes or the gap is too long to bridge.
    # Anchors at i and i+step leave step-ANCHOR unmatched characters between them.
    starts = np.concatenate(([True], ~same_alignment | (gap > GAP_CHARS + ANCHOR)))
    first = np.flatnonzero(starts)
    last = np.concatenate((first[1:], [len(i)])) - 1
    a_start = i[first]
    a_end = i[last] + ANCHOR
    b_start = a_start + shift[first]
    return np.stack((a_start, a_end, b_start, a_end + shift[first]), axis=1)


def _union_length(starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64]) -> int:
    if len(starts) == 0:
        return 0
    order = np.argsort(starts, kind="stable")
    starts, ends = starts[order], ends[order]
    reach = np.concatenate(([0], np.maximum.accumulate(ends)[:-1]))
    return int(np.maximum(0, ends - np.maximum(starts, reach)).sum())


def similarity_of_codes(query: U64, doc: U64, threshold: float = DEFAULT_THRESHOLD) -> Similarity:
    """Exact passage coverage both ways, from the two normalised texts' code points."""
    if len(query) == 0 or len(doc) == 0:
        return Similarity(0.0, "copy", 0.0, 0.0)
    passages = shared_passages(query, doc)
    passages = passages[passages[:, 1] - passages[:, 0] >= MIN_PASSAGE]
    query_cover = _union_length(passages[:, 0], passages[:, 1]) / len(query)
    doc_cover = _union_length(passages[:, 2], passages[:, 3]) / len(doc)
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
    return similarity_of_codes(_codes(normalise(query_text)), _codes(normalise(doc_text)), threshold)


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
    query = _codes(normalise(query_text))
    matches = []
    for candidate in candidates:
        text = texts.get(candidate.doc_id)
        if text is None:
            continue  # deleted since it was indexed
        result = similarity_of_codes(query, _codes(normalise(text)), threshold)
        if result.score >= threshold:
            matches.append(
                Match(candidate.doc_id, result.score, result.kind, result.query_coverage, result.doc_coverage)
            )
    return sorted(matches, key=lambda m: -m.score)


def overlap_passages(a_text: str, b_text: str) -> list[tuple[int, int, int, int]]:
    """Shared passages as (a_start, a_end, b_start, b_end) spans of the original texts."""
    a, a_origin = normalise_with_offsets(a_text)
    b, b_origin = normalise_with_offsets(b_text)
    passages = shared_passages(_codes(a), _codes(b))
    passages = passages[passages[:, 1] - passages[:, 0] >= MIN_PASSAGE]
    merged: list[list[int]] = []
    # In reading order; of passages starting together (one passage of ``a`` found twice in
    # ``b``) the longest is shown.
    for a0, a1, b0, b1 in sorted(passages.tolist(), key=lambda p: (p[0], -(p[1] - p[0]))):
        if merged and a0 < merged[-1][1]:
            if a1 - merged[-1][1] < MIN_PASSAGE:
                continue  # (almost) inside a passage already taken
            b0 += merged[-1][1] - a0  # keep only the part beyond it
            a0 = merged[-1][1]
        if merged and a0 - merged[-1][1] <= MERGE_GAP and 0 <= b0 - merged[-1][3] <= MERGE_GAP:
            merged[-1][1], merged[-1][3] = a1, b1
            continue
        merged.append([a0, a1, b0, b1])
    return [(a_origin[a0], a_origin[a1 - 1] + 1, b_origin[b0], b_origin[b1 - 1] + 1) for a0, a1, b0, b1 in merged]


# --- in-memory index -------------------------------------------------------------------


class NearDuplicateIndex:
    """An in-memory key table with the same semantics as a database-backed one.

    ``add`` buffers; the sorted arrays are rebuilt lazily before the next lookup, so
    bulk loading is a sort, not a million inserts.
    """

    def __init__(self, load_texts: TextLoader | None = None) -> None:
        self.load_texts = load_texts
        self._postings = Postings(
            np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.int32), np.empty(0, np.int32)
        )
        self._passages = PassagePostings.empty()
        self._pending: list[tuple[I64, int, int, I64]] = []
        self._doc_ids: set[int] = set()

    def __len__(self) -> int:
        return len(self._doc_ids)

    def add(self, doc_id: int, fp: Fingerprint) -> None:
        if doc_id in self._doc_ids:
            raise ValueError(f"document {doc_id} is already indexed")
        self._doc_ids.add(doc_id)
        self._pending.append((fp.keys, doc_id, fp.chunk_count, fp.passages))

    def add_arrays(
        self,
        doc_ids: Iterable[int],
        keys: I64,
        docs: Ints,
        chunk_nos: Ints,
        doc_chunk_counts: Ints,
        passages: PassagePostings | None = None,
    ) -> None:
        """Bulk-load the rows of ``doc_ids`` (as ``Postings`` and ``PassagePostings``) computed elsewhere."""
        self._doc_ids.update(doc_ids)
        self._merge(keys, docs, chunk_nos, doc_chunk_counts)
        if passages is not None:
            self._merge_passages(passages.keys, passages.docs, passages.doc_counts)

    def _flush(self) -> None:
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        keys = np.concatenate([k.ravel() for k, _, _, _ in pending])
        counts = [k.size for k, _, _, _ in pending]
        docs = np.repeat([d for _, d, _, _ in pending], counts).astype(np.int64)
        chunk_nos = np.concatenate([np.repeat(np.arange(c, dtype=np.int32), BANDS) for _, _, c, _ in pending])
        doc_chunks = np.repeat([c for _, _, c, _ in pending], counts).astype(np.int32)
        self._merge(keys, docs, chunk_nos, doc_chunks)
        passage_counts = [len(p) for _, _, _, p in pending]
        self._merge_passages(
            np.concatenate([p for _, _, _, p in pending]).astype(np.int64),
            np.repeat([d for _, d, _, _ in pending], passage_counts).astype(np.int64),
            np.repeat(passage_counts, passage_counts).astype(np.int32),
        )

    def _merge_passages(self, keys: I64, docs: Ints, doc_counts: Ints) -> None:
        old = self._passages
        if len(old.keys):
            keys = np.concatenate((old.keys, keys))
            docs = np.concatenate((old.docs, docs))
            doc_counts = np.concatenate((old.doc_counts, doc_counts))
        order = np.argsort(keys, kind="stable")
        self._passages = PassagePostings(keys[order], docs[order], doc_counts[order])

    def _merge(self, keys: I64, docs: Ints, chunk_nos: Ints, doc_chunk_counts: Ints) -> None:
        old = self._postings
        if len(old.keys):
            keys = np.concatenate((old.keys, keys))
            docs = np.concatenate((old.docs, docs))
            chunk_nos = np.concatenate((old.chunk_nos, chunk_nos))
            doc_chunk_counts = np.concatenate((old.doc_chunk_counts, doc_chunk_counts))
        order = np.argsort(keys, kind="stable")
        self._postings = Postings(keys[order], docs[order], chunk_nos[order], doc_chunk_counts[order])

    def candidates(
        self, query: Probe | Fingerprint, *, limit: int = MAX_CANDIDATES, exclude: int | None = None
    ) -> list[Candidate]:
        self._flush()
        return find_candidates(query, self._postings, self._passages, limit=limit, exclude=exclude)

    def query(
        self,
        text: str,
        threshold: float = DEFAULT_THRESHOLD,
        *,
        exclude: int | None = None,
    ) -> list[Match]:
        """Indexed documents whose exact similarity with ``text`` is at least ``threshold``."""
        if self.load_texts is None:
            raise RuntimeError("the index needs load_texts to verify candidates")
        return verify(text, self.candidates(probe(text), exclude=exclude), self.load_texts, threshold)

    def save(self, directory: Path) -> None:
        self._flush()
        directory.mkdir(parents=True, exist_ok=True)
        for name in ("keys", "docs", "chunk_nos", "doc_chunk_counts"):
            np.save(directory / f"{name}.npy", getattr(self._postings, name))
        for name in ("keys", "docs", "doc_counts"):
            np.save(directory / f"passage_{name}.npy", getattr(self._passages, name))
        np.save(directory / "doc_ids.npy", np.fromiter(self._doc_ids, np.int64, len(self._doc_ids)))

    @classmethod
    def load(cls, directory: Path, load_texts: TextLoader | None = None, *, mmap: bool = True) -> NearDuplicateIndex:
        index = cls(load_texts)
        mode: Literal["r"] | None = "r" if mmap else None
        arrays = {
            name: np.load(directory / f"{name}.npy", mmap_mode=mode)
            for name in ("keys", "docs", "chunk_nos", "doc_chunk_counts")
        }
        index._postings = Postings(**arrays)
        index._passages = PassagePostings(
            **{name: np.load(directory / f"passage_{name}.npy", mmap_mode=mode) for name in ("keys", "docs", "doc_counts")}
        )
        index._doc_ids = set(np.load(directory / "doc_ids.npy").tolist())
        return index

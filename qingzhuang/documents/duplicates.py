"""The near-duplicate archive in the database: band keys → documents, looked up by an index.

A document's fingerprint (``qingzhuang.lib.near_duplicates``) is stored on the document; when it is
submitted for review its band keys go into ``DocumentKey`` and its sampled 8-grams into
``DocumentPassage`` (the second path, which finds short excerpts); they leave when the document
goes back to its drafter or stops counting. A check reads only the rows of the query's keys (an
indexed lookup: cost grows with the number of colliding documents, not with the archive), ranks
the candidates of both paths in memory and verifies the best few on their texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Q

from qingzhuang.documents.models import Document, DocumentKey, DocumentPassage
from qingzhuang.lib import near_duplicates as nd

KEY_BATCH = 5000
# Candidates verified on their texts (each costs a text load and ~1.5 ms); the review shows five.
VERIFY_LIMIT = 10


def fingerprint_bytes(text: str) -> bytes:
    return nd.fingerprint(text).to_bytes()


def fingerprint_of(document: Document) -> nd.Fingerprint:
    if document.fingerprint:
        try:
            return nd.Fingerprint.from_bytes(bytes(document.fingerprint))
        except ValueError:
            pass  # made with other parameters: recompute below
    return nd.fingerprint(document.text)


def key_rows(document_id: int, county_id: int | None, fp: nd.Fingerprint) -> list[DocumentKey]:
    count = fp.chunk_count
    return [
        DocumentKey(key=key, document_id=document_id, chunk_no=chunk, chunk_count=count, county_id=county_id)
        for key, chunk in fp.band_key_rows()
    ]


def passage_rows(document_id: int, county_id: int | None, fp: nd.Fingerprint) -> list[DocumentPassage]:
    count = len(fp.passages)
    return [DocumentPassage(key=key, document_id=document_id, count=count, county_id=county_id) for key in fp.passage_rows()]


def index_add(document: Document) -> int:
    """Put a document into the archive's key tables (replacing its old keys)."""
    fp = fingerprint_of(document)
    stored = bytes(document.fingerprint) if document.fingerprint else b""
    if stored != fp.to_bytes():
        Document.objects.filter(pk=document.pk).update(fingerprint=fp.to_bytes())
    index_remove(document)
    rows = key_rows(document.pk, document.issuer.county_id, fp)
    DocumentKey.objects.bulk_create(rows, batch_size=KEY_BATCH)
    DocumentPassage.objects.bulk_create(passage_rows(document.pk, document.issuer.county_id, fp), batch_size=KEY_BATCH)
    return len(rows)


def index_remove(document: Document) -> None:
    DocumentKey.objects.filter(document_id=document.pk).delete()
    DocumentPassage.objects.filter(document_id=document.pk).delete()


def index_add_many(documents: Iterable[Document]) -> int:
    """Bulk form of index_add for documents whose fingerprint is already stored (demo, bench)."""
    rows: list[DocumentKey] = []
    passages: list[DocumentPassage] = []
    for document in documents:
        fp = fingerprint_of(document)
        rows.extend(key_rows(document.pk, document.issuer.county_id, fp))
        passages.extend(passage_rows(document.pk, document.issuer.county_id, fp))
    DocumentKey.objects.bulk_create(rows, batch_size=KEY_BATCH)
    DocumentPassage.objects.bulk_create(passages, batch_size=KEY_BATCH)
    return len(rows)


@dataclass(frozen=True)
class Nearest:
    document_id: int
    score: float
    kind: str  # copy / excerpt / contains
    query_coverage: float
    doc_coverage: float


def _load_texts(ids: Sequence[int]) -> Mapping[int, str]:
    return dict(Document.objects.filter(pk__in=list(ids)).values_list("pk", "text"))


def postings_for(query: nd.Probe | nd.Fingerprint, *, county_id: int | None, exclude: int | None = None) -> nd.Postings:
    keys = sorted(set(query.band_keys))
    if not keys:
        return nd.Postings.from_rows([])
    if connection.vendor == "postgresql":
        return nd.Postings.from_rows(
            _rows_capped(DocumentKey, "dk.chunk_no, dk.chunk_count", keys, county_id=county_id, exclude=exclude)
        )
    visible = Q(county__isnull=True) | Q(county_id=county_id) if county_id else Q()
    rows = DocumentKey.objects.filter(visible, key__in=keys)
    if exclude is not None:
        rows = rows.exclude(document_id=exclude)
    return nd.Postings.from_rows(list(rows.values_list("key", "document_id", "chunk_no", "chunk_count")))


def passages_for(query: nd.Probe | nd.Fingerprint, *, county_id: int | None, exclude: int | None = None) -> nd.PassagePostings:
    keys = sorted({int(k) for k in query.passages})
    if not keys:
        return nd.PassagePostings.empty()
    if connection.vendor == "postgresql":
        return nd.PassagePostings.from_rows(_rows_capped(DocumentPassage, "dk.count", keys, county_id=county_id, exclude=exclude))
    visible = Q(county__isnull=True) | Q(county_id=county_id) if county_id else Q()
    rows = DocumentPassage.objects.filter(visible, key__in=keys)
    if exclude is not None:
        rows = rows.exclude(document_id=exclude)
    return nd.PassagePostings.from_rows(list(rows.values_list("key", "document_id", "count")))


def _rows_capped(
    model: type[DocumentKey] | type[DocumentPassage], columns: str, keys: list[int], *, county_id: int | None, exclude: int | None
) -> list[tuple[int, ...]]:
    """At most MAX_POSTINGS + 1 rows per key: a key shared by more documents is boilerplate that the
    ranking skips anyway, and in a large archive fetching all its rows is what makes a check slow."""
    table = model._meta.db_table
    visible = "AND (dk.county_id IS NULL OR dk.county_id = %(county)s)" if county_id else ""
    skip = "AND dk.document_id <> %(exclude)s" if exclude is not None else ""
    sql = f"""
        SELECT k.key, d.*
        FROM unnest(%(keys)s::bigint[]) AS k(key)
        CROSS JOIN LATERAL (
            SELECT dk.document_id, {columns} FROM {table} dk
            WHERE dk.key = k.key {visible} {skip} LIMIT %(cap)s
        ) AS d
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, {"keys": keys, "county": county_id, "exclude": exclude, "cap": nd.MAX_POSTINGS + 1})
        return list(cursor.fetchall())


def nearest(
    text: str,
    *,
    county_id: int | None,
    threshold: float = nd.DEFAULT_THRESHOLD,
    exclude: int | None = None,
    limit: int = 5,
) -> list[Nearest]:
    """Archived documents (the county's and the upper levels') whose similarity with ``text`` reaches ``threshold``."""
    # A probe, not the stored fingerprint: it probes short drafts (excerpts) more densely.
    query = nd.probe(text)
    candidates = nd.find_candidates(
        query,
        postings_for(query, county_id=county_id, exclude=exclude),
        passages_for(query, county_id=county_id, exclude=exclude),
        exclude=exclude,
        limit=max(VERIFY_LIMIT, limit),
    )
    matches = nd.verify(text, candidates, _load_texts, threshold)
    return [Nearest(m.doc_id, m.score, m.kind, m.query_coverage, m.doc_coverage) for m in matches[:limit]]


def brute_force(text: str, documents: Iterable[tuple[int, str]], threshold: float = nd.DEFAULT_THRESHOLD) -> list[Nearest]:
    """The exact answer, comparing with every document (for the benchmark's recall)."""
    query = nd._codes(nd.normalise(text))
    found = []
    for doc_id, doc_text in documents:
        result = nd.similarity_of_codes(query, nd._codes(nd.normalise(doc_text)), threshold)
        if result.score >= threshold:
            found.append(Nearest(doc_id, result.score, result.kind, result.query_coverage, result.doc_coverage))
    return sorted(found, key=lambda n: -n.score)


def highlighted(a_text: str, b_text: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Both texts cut into segments, the shared passages marked, for a side-by-side view."""
    passages = nd.overlap_passages(a_text, b_text)
    a_spans = sorted((a0, a1) for a0, a1, _b0, _b1 in passages)
    b_spans = sorted((b0, b1) for _a0, _a1, b0, b1 in passages)
    return _segments(a_text, a_spans), _segments(b_text, _merge(b_spans))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _segments(text: str, spans: list[tuple[int, int]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    pos = 0
    for start, end in spans:
        if start < pos:
            start = pos
        if start > pos:
            out.append({"text": text[pos:start], "shared": False})
        if end > start:
            out.append({"text": text[start:end], "shared": True})
        pos = max(pos, end)
    if pos < len(text):
        out.append({"text": text[pos:], "shared": False})
    return out

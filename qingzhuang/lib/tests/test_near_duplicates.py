from pathlib import Path

import numpy as np
import pytest

from qingzhuang.lib import doc_corpus
from qingzhuang.lib.near_duplicates import (
    BANDS,
    Fingerprint,
    NearDuplicateIndex,
    PassagePostings,
    Postings,
    find_candidates,
    fingerprint,
    overlap_passages,
    probe,
    rank_candidates,
    similarity,
)

SOURCE = doc_corpus.base_recipe(11, topic="防汛", level="city", length=4000)
ARCHIVE_SIZE = 60


def _archive() -> dict[int, str]:
    """The source, plus unrelated documents, a third of them on the source's topic."""
    texts = {0: doc_corpus.build(SOURCE).text}
    for doc_id in range(1, ARCHIVE_SIZE):
        topic = "防汛" if doc_id % 3 == 0 else None
        recipe = doc_corpus.base_recipe(500 + doc_id, **({"topic": topic} if topic else {}))
        texts[doc_id] = doc_corpus.build(recipe).text
    return texts


@pytest.fixture(scope="module")
def archive() -> dict[int, str]:
    return _archive()


@pytest.fixture(scope="module")
def index(archive: dict[int, str]) -> NearDuplicateIndex:
    index = NearDuplicateIndex(lambda ids: {i: archive[i] for i in ids if i in archive})
    for doc_id, text in archive.items():
        index.add(doc_id, fingerprint(text))
    return index


def _derived(kind: str, **params: object) -> str:
    return doc_corpus.build({"kind": kind, "source": SOURCE, "seed": 3, **params}).text


def test_identical_text_scores_one_as_a_copy():
    text = doc_corpus.build(SOURCE).text
    result = similarity(text, text)
    assert result.score == pytest.approx(1.0)
    assert result.kind == "copy"


def test_reworded_copy_is_found_as_a_copy(index: NearDuplicateIndex):
    matches = index.query(_derived("reworded", intensity=0.7))
    assert [m.doc_id for m in matches] == [0]
    assert matches[0].kind == "copy"
    assert 0.5 <= matches[0].score < 1.0


def test_excerpt_of_a_long_upper_level_document_is_found_as_an_excerpt(index: NearDuplicateIndex):
    matches = index.query(_derived("excerpt", share=0.25))
    assert [(m.doc_id, m.kind) for m in matches] == [(0, "excerpt")]
    assert matches[0].query_coverage > 0.7
    assert matches[0].doc_coverage < 0.5


def test_county_reissue_of_an_upper_level_document_is_found(index: NearDuplicateIndex):
    assert [m.doc_id for m in index.query(_derived("upper_copy"))] == [0]


def test_relabelling_a_document_as_a_memo_does_not_hide_it(index: NearDuplicateIndex):
    assert [m.doc_id for m in index.query(_derived("relabelled"))] == [0]


def test_traditional_script_with_variant_glyphs_is_found(index: NearDuplicateIndex):
    text = _derived("traditional")
    assert "鎮" in text or "縣" in text or "關" in text
    matches = index.query(text)
    assert [m.doc_id for m in matches] == [0]
    assert matches[0].score > 0.95


def test_query_that_embeds_an_indexed_document_is_kind_contains():
    long_text = doc_corpus.build(SOURCE).text
    short_text = _derived("excerpt", share=0.3)
    index = NearDuplicateIndex(lambda ids: {7: short_text})
    index.add(7, fingerprint(short_text))
    matches = index.query(long_text)
    assert [(m.doc_id, m.kind) for m in matches] == [(7, "contains")]


def test_unrelated_documents_on_the_same_topic_are_not_flagged(index: NearDuplicateIndex):
    for seed in range(3):
        fresh = doc_corpus.build(doc_corpus.base_recipe(9000 + seed, topic="防汛", level="county")).text
        assert index.query(fresh) == []


def test_same_topic_documents_share_stock_phrases_but_score_low(archive: dict[int, str]):
    same_topic = [archive[i] for i in range(3, ARCHIVE_SIZE, 3)]
    scores = [similarity(archive[0], other).score for other in same_topic]
    assert max(scores) < 0.4
    assert min(scores) > 0.0  # they do share phrasing: the case the score must survive


def test_an_indexed_document_can_exclude_itself(index: NearDuplicateIndex, archive: dict[int, str]):
    assert [m.doc_id for m in index.query(archive[0])] == [0]
    assert index.query(archive[0], exclude=0) == []


def test_empty_text_matches_nothing(index: NearDuplicateIndex):
    assert fingerprint("").chunk_count == 0
    assert index.query("") == []


def test_fingerprint_survives_a_bytes_round_trip():
    original = fingerprint(doc_corpus.build(SOURCE).text)
    restored = Fingerprint.from_bytes(original.to_bytes())
    assert restored == original
    assert restored.band_keys == original.band_keys
    assert restored.shingle_count == original.shingle_count > 0


def test_band_key_rows_fit_a_signed_bigint_column():
    fp = fingerprint(doc_corpus.build(SOURCE).text)
    rows = fp.band_key_rows()
    assert len(rows) <= fp.chunk_count * BANDS
    assert all(-(2**63) <= key < 2**63 and 0 <= chunk < fp.chunk_count for key, chunk in rows)


def test_candidates_ranked_from_database_rows_equal_the_in_memory_ones(
    index: NearDuplicateIndex, archive: dict[int, str]
):
    rows = []
    passage_rows = []
    for doc_id, text in archive.items():
        fp = fingerprint(text)
        rows += [(key, doc_id, chunk, fp.chunk_count) for key, chunk in fp.band_key_rows()]
        passage_rows += [(key, doc_id, len(fp.passages)) for key in fp.passage_rows()]
    query = fingerprint(_derived("reworded", intensity=0.3))
    from_rows = find_candidates(query, Postings.from_rows(rows), PassagePostings.from_rows(passage_rows))
    assert from_rows == index.candidates(query)
    assert from_rows[0].doc_id == 0


def test_keys_shared_by_very_many_documents_are_ignored():
    text = doc_corpus.build(SOURCE).text
    fp = fingerprint(text)
    rows = [(key, doc_id, chunk, fp.chunk_count) for doc_id in range(50) for key, chunk in fp.band_key_rows()]
    postings = Postings.from_rows(rows)
    assert len(rank_candidates(fp, postings, max_postings=100)) > 0
    assert rank_candidates(fp, postings, max_postings=50) == []


def test_saved_index_loads_back_and_answers_the_same(
    index: NearDuplicateIndex, tmp_path: Path, archive: dict[int, str]
):
    index.save(tmp_path)
    loaded = NearDuplicateIndex.load(tmp_path, index.load_texts)
    query = _derived("relabelled")
    assert len(loaded) == len(index) == len(archive)
    assert loaded.query(query) == index.query(query)


def test_adding_the_same_document_twice_is_refused():
    index = NearDuplicateIndex()
    fp = fingerprint("关于做好防汛工作的通知")
    index.add(1, fp)
    with pytest.raises(ValueError):
        index.add(1, fp)


def test_overlap_passages_point_at_the_copied_text_in_both_originals():
    copied = "要切实加强汛期值班值守，严格落实24小时值班和领导带班制度，确保信息畅通、指挥有力。"
    a = "关于做好防汛工作的通知\n各镇人民政府：\n" + copied + "\n特此通知。"
    b = "關於防汛的工作提示\n一、總體要求\n為確保安全度汛，" + doc_corpus.build(SOURCE).text[:40] + "\n" + copied
    passages = overlap_passages(a, b)
    assert len(passages) == 1
    a0, a1, b0, b1 = passages[0]
    assert a[a0:a1] == copied[:-1]  # the closing 。 is punctuation, not part of the match
    assert b[b0:b1] == copied[:-1]


def test_overlap_passages_bridge_a_synonym_swap_and_skip_stock_phrases():
    a = "各镇要切实加强组织领导。今年汛期要全面排查山洪沟道和病险水库的安全隐患，逐一建立台账并限期整改到位。"
    b = "今年汛期要全面摸排山洪沟道和病险水库的安全隐患，逐一建立台账并限期整改到位。各村也要加强组织领导。"
    passages = overlap_passages(a, b)
    assert len(passages) == 1  # 加强组织领导, matched elsewhere, is a stock phrase: too short
    a0, a1, b0, b1 = passages[0]
    assert a[a0:a1].startswith("今年汛期") and a[a0:a1].endswith("整改到位")
    assert b[b0:b1].startswith("今年汛期") and "摸排" in b[b0:b1]


def test_passage_spans_use_original_offsets_of_full_width_text():
    a = "（一）２０２４年，全縣共排查地質災害隱患點１２３處，已全部落實監測責任人。"
    b = "2024年全县共排查地质灾害隐患点123处已全部落实监测责任人"
    [(a0, a1, b0, b1)] = overlap_passages(a, b)
    assert a[a0] == "２" and a[a1 - 1] == "人"
    assert (b0, b1) == (0, len(b))


def test_fingerprints_are_deterministic_across_calls():
    text = doc_corpus.build(SOURCE).text
    assert np.array_equal(fingerprint(text).keys, fingerprint(text).keys)


def test_a_short_query_probes_more_windows_than_its_own_chunks():
    short = _derived("excerpt", share=0.1)
    fp, query = fingerprint(short), probe(short)
    assert len(query.windows) > fp.chunk_count
    assert set(fp.band_keys) <= set(query.band_keys)


def test_a_long_query_probes_just_its_chunks():
    text = doc_corpus.build(SOURCE).text
    assert sorted(probe(text).band_keys) == sorted(set(fingerprint(text).band_keys))

"""The field matcher: synonyms (seeded and county-added) match, same words with other definitions do not."""

import pytest

from qingzhuang.forms import selectors, services
from qingzhuang.forms.eval import evaluate
from qingzhuang.forms.eval import main as eval_main
from qingzhuang.forms.eval_heldout import HELD_OUT
from qingzhuang.forms.eval_pairs import PAIRS
from qingzhuang.forms.matching import KNOWN_SCORE, FieldMatcher, FieldSpec
from qingzhuang.forms.synonyms import SEED_GROUPS

MATCHER = FieldMatcher(SEED_GROUPS)


def test_seeded_synonyms_are_the_same_field():
    result = MATCHER.compare(FieldSpec("常住人口", "integer", "人"), FieldSpec("实有人口数", "integer", "人"))

    assert result.known and result.reason == "synonym"


def test_the_same_name_with_another_age_limit_is_not_the_same_field():
    result = MATCHER.compare(FieldSpec("老年人数", "integer", "人", "60周岁及以上"), FieldSpec("老年人数", "integer", "人", "65周岁及以上"))

    assert not result.known and result.conflict.startswith("number:")


@pytest.mark.parametrize(("a", "b", "dimension"), [
    (("户籍人口", "integer", "人", ""), ("常住人口", "integer", "人", ""), "subject"),  # two synonym groups
    (("面积", "decimal", "平方米", "建筑面积"), ("面积", "decimal", "平方米", "占地面积"), "area"),
    (("服务人数", "integer", "人", ""), ("服务人数", "integer", "人次", ""), "unit"),
    (("服务人次", "integer", "人次", "本月"), ("服务人次", "integer", "人次", "全年"), "period"),
    (("党员人数", "integer", "人", ""), ("党员人数", "integer", "人", "本年新增"), "flow"),
    (("有无食堂", "yes_no", "", ""), ("食堂数", "integer", "个", ""), "type"),
])
def test_a_disagreeing_qualifier_keeps_alike_fields_apart(a, b, dimension):
    result = MATCHER.compare(FieldSpec(*a), FieldSpec(*b))

    assert result.score < KNOWN_SCORE and result.conflict.split(":")[0] == dimension


def test_unrelated_fields_of_one_topic_do_not_match():
    assert not MATCHER.compare(FieldSpec("医保参保人数", "integer", "人", "参加城乡居民医疗保险的人数"),
                               FieldSpec("养老保险参保人数", "integer", "人", "参加城乡居民养老保险的人数")).known


@pytest.mark.django_db
def test_a_county_synonym_makes_two_names_one_field(world):
    a, b = FieldSpec("外卖骑手人数", "integer", "人"), FieldSpec("外卖配送员数", "integer", "人")
    assert not selectors.matcher_for(world.zhenan).compare(a, b).known

    services.synonym_group_save(actor=world.reviewer, county=world.zhenan, words="外卖骑手、外卖配送员、骑手")

    assert selectors.matcher_for(world.zhenan).compare(a, b).known
    assert not selectors.matcher_for(world.beilin).compare(a, b).known  # another county keeps its own words


@pytest.mark.django_db
def test_a_synonym_group_of_one_word_is_refused(world):
    with pytest.raises(services.FormsError) as err:
        services.synonym_group_save(actor=world.reviewer, county=world.zhenan, words="骑手、 骑手 ,\u3000")

    assert err.value.code == "synonyms_too_few"


def test_the_labelled_pairs_are_matched_with_high_precision():
    result = evaluate()

    assert result["precision"] >= 0.95 and result["recall"] >= 0.7


def test_the_held_out_pairs_share_no_pair_with_the_tuning_pairs_and_cover_every_category():
    tuning = {frozenset((a, b)) for a, b, _, _ in PAIRS}
    categories = {category for *_, category in PAIRS}

    shared = [(a[0], b[0]) for a, b, _, _ in HELD_OUT if frozenset((a, b)) in tuning]

    assert shared == []
    assert len(HELD_OUT) >= 100
    assert {category for *_, category in HELD_OUT} == categories


def test_the_evaluation_reports_the_tuning_and_held_out_sets_apart_per_category(capsys):
    eval_main([])

    out = capsys.readouterr().out
    tuning, held_out = out.split("[held-out]")
    for part, pairs in ((tuning, PAIRS), (held_out, HELD_OUT)):
        assert f"pairs: {len(pairs)}" in part
        assert "precision" in part and "recall" in part
        for category in {c for *_, c in pairs}:
            assert f"  {category} " in part

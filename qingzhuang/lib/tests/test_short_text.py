"""Short texts compare by bigrams: containment counts fully when both sides are long enough, Jaccard otherwise."""

from qingzhuang.lib.short_text import bigrams, overlap


def test_a_short_text_inside_a_longer_one_is_the_same_thing():
    assert overlap(bigrams("低保专项治理"), bigrams("全县低保专项治理调度")) == 1.0


def test_two_bigrams_are_too_few_for_containment():
    assert overlap(bigrams("防汛"), bigrams("防汛值守")) == 1 / 3


def test_nothing_shared_or_nothing_left_is_zero():
    assert overlap(bigrams("养老"), bigrams("防汛")) == 0.0 and overlap(bigrams(""), bigrams("防汛")) == 0.0 and bigrams("群") == {"群"}

"""The candidate step loses no pair that verification would flag, on both labelled sets."""

import pytest

from qingzhuang.lib import near_duplicates
from qingzhuang.lib.eval import near_duplicates_eval

SETS = {"generated": near_duplicates_eval.generated_set, "handwritten": near_duplicates_eval.handwritten}


@pytest.mark.parametrize("name", sorted(SETS))
def test_no_pair_scoring_at_least_the_threshold_is_lost_before_verification(name: str):
    labelled = SETS[name]()
    result = near_duplicates_eval.evaluate(
        labelled, threshold=near_duplicates.DEFAULT_THRESHOLD, distractors=300, verified=near_duplicates_eval.VERIFIED
    )
    assert result["reachable"] >= 20  # the set does hold copies above the threshold
    assert result["lost"] == []


def test_handwritten_set_has_enough_positives_and_same_topic_negatives():
    labelled = near_duplicates_eval.handwritten()
    positives = [p for p in labelled.pairs if p[3]]
    negatives = [p for p in labelled.pairs if not p[3] and p[2] == "same topic"]
    assert len(positives) >= 25
    assert {p[2] for p in positives} == {"natural rewording", "upper-level copy", "excerpt", "relabelled memo"}
    assert len(negatives) >= 8


def test_handwritten_same_topic_documents_are_not_flagged():
    labelled = near_duplicates_eval.handwritten()
    result = near_duplicates_eval.evaluate(labelled, threshold=near_duplicates.DEFAULT_THRESHOLD, distractors=0)
    false_positives = sum(c["fp"] for c in result["counts"].values())
    assert false_positives == 0

"""The greedy spread (largest weight first onto the least-loaded department): every community placed once, the heaviest
load within the documented bound of the optimum, and the same answer for the same input whatever its order."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from qingzhuang.pairing.balance import Kept, balance, guaranteed, lower_bound

weights_st = st.dictionaries(st.integers(min_value=1, max_value=10_000), st.integers(min_value=0, max_value=50_000), max_size=40)
departments_st = st.lists(st.integers(min_value=1, max_value=500), min_size=1, max_size=12, unique=True)


def _loads(placed, weights, departments, kept=None):
    loads = {d: (kept or {}).get(d, Kept()).load for d in departments}
    for community, department in placed.items():
        loads[department] += weights[community]
    return loads


@settings(max_examples=300, deadline=None)
@given(weights=weights_st, departments=departments_st, data=st.data())
def test_every_community_is_placed_once_and_the_heaviest_load_stays_within_the_bound(weights, departments, data):
    kept = {d: Kept(load=data.draw(st.integers(0, 30_000)), count=data.draw(st.integers(0, 3))) for d in departments
            if data.draw(st.booleans())}

    placed = balance(weights, departments, kept)

    assert set(placed) == set(weights)
    assert set(placed.values()) <= set(departments)
    heaviest = max(_loads(placed, weights, departments, kept).values())
    assert heaviest <= guaranteed(weights, len(departments), kept) + 1e-9
    assert heaviest <= lower_bound(weights, len(departments), kept) + max(weights.values(), default=0) + 1e-9


@settings(max_examples=200, deadline=None)
@given(weights=weights_st, departments=departments_st, seed=st.randoms(use_true_random=False))
def test_the_same_input_in_another_order_gives_the_same_spread(weights, departments, seed):
    shuffled_items = list(weights.items())
    seed.shuffle(shuffled_items)
    shuffled_departments = departments[:]
    seed.shuffle(shuffled_departments)

    assert balance(dict(shuffled_items), shuffled_departments) == balance(weights, departments)


@settings(max_examples=150, deadline=None)
@given(weights=st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=7), m=st.integers(min_value=1, max_value=3))
def test_against_the_true_optimum_of_small_cases_it_is_within_lpts_four_thirds(weights, m):
    as_dict = dict(enumerate(weights, start=1))
    departments = list(range(1, m + 1))
    optimum = min(max(sum(w for w, d in zip(weights, choice, strict=True) if d == k) for k in departments)
                  for choice in itertools.product(departments, repeat=len(weights)))

    heaviest = max(_loads(balance(as_dict, departments), as_dict, departments).values())

    assert heaviest <= optimum + max(weights)
    assert heaviest * 3 * m <= optimum * (4 * m - 1) + 1e-9  # Graham: LPT ≤ (4/3 − 1/(3m)) · optimum


def test_no_department_places_nothing_and_zero_weights_spread_by_count():
    assert balance({1: 5}, []) == {}
    placed = balance(dict.fromkeys(range(1, 7), 0), [10, 20, 30])
    assert sorted(list(placed.values()).count(d) for d in (10, 20, 30)) == [2, 2, 2]

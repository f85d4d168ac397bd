"""A help confirmed by several staff clients at once (threads, each with its own connection) is confirmed once: the
rider earns the points once, the ledger counts one help act and one household, the other clients are told it is decided.
Two helps of one household confirmed at once count the household once. PostgreSQL only: SQLite serialises every writer."""

import pytest

from qingzhuang.households import services
from qingzhuang.households.models import Help, HelpStatus
from qingzhuang.households.testing import paired_household
from qingzhuang.ledger.models import LedgerYear
from qingzhuang.riders.models import PointsEntry
from qingzhuang.riders.points import balance
from tests.races import require_postgres, run_together

THREADS = 8


@pytest.fixture
def postgres_only(settings):
    settings.QZ_TODAY = "2026-11-27"
    require_postgres("the confirmation race")


def _race(actor, help_ids: list[int]) -> list[str]:
    return run_together([lambda h=h: services.help_decide(actor=actor, help=Help.objects.get(pk=h), confirm=True) for h in help_ids], ok="confirmed")


def _ledger(code):
    return sum(LedgerYear.objects.filter(measure=code).values_list("value", flat=True))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_help_confirmed_twice_in_parallel_awards_points_once(postgres_only, world):
    household, rider = paired_household(world)
    made = services.help_record(actor=world.rider, household=household, kind="errand", what="代买菜", done_on="2026-11-20", minutes=30)

    outcomes = _race(world.secretary, [made.pk] * THREADS)

    assert outcomes.count("confirmed") == 1 and set(outcomes) == {"confirmed", "help_decided"}, outcomes
    assert PointsEntry.objects.filter(rider=rider, act=f"help:{made.pk}").count() == 1 and balance(rider) == 5
    assert Help.objects.get(pk=made.pk).status == HelpStatus.CONFIRMED
    assert _ledger(services.ACTS) == 1.0 and _ledger(services.HELPED) == 1.0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_helps_of_one_household_confirmed_at_once_count_the_household_once(postgres_only, world):
    household, rider = paired_household(world)
    ids = [services.help_record(actor=world.rider, household=household, kind="visit", what="上门", done_on=f"2026-11-{10 + i}", minutes=30).pk
           for i in range(THREADS)]

    outcomes = _race(world.secretary, ids)

    assert outcomes == ["confirmed"] * THREADS
    assert _ledger(services.ACTS) == THREADS and _ledger(services.HELPED) == 1.0 and balance(rider) == 5 * THREADS

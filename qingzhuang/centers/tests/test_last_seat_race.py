"""Parallel clients (threads, each with its own database connection) never give a slot more bookings than seats,
nor one phone two seats in a slot. On PostgreSQL the slot's row lock orders them; the constraints stand behind it."""

import pytest

from qingzhuang.centers import services
from qingzhuang.centers.models import HOLDING, Booking
from qingzhuang.centers.testing import build_center
from tests.races import require_postgres, run_together

THREADS = 12


@pytest.fixture
def postgres_only():
    require_postgres("the last-seat race")


def _race(phones: list[str], slot_id: int) -> list[str]:
    return run_together([lambda p=p: services.booking_make(actor=None, slot_id=slot_id, name="居民", phone=p) for p in phones], ok="booked")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("seats", [1, 3])
def test_twelve_residents_at_once_take_exactly_the_seats_there_are(postgres_only, world, seats):
    place = build_center(world, seats=seats)

    outcomes = _race([f"139000000{i:02d}" for i in range(THREADS)], place.slot.pk)

    assert outcomes.count("booked") == seats, outcomes
    assert set(outcomes) == {"booked", "slot_full"}
    place.slot.refresh_from_db()
    assert place.slot.booked == seats == Booking.objects.filter(slot=place.slot, status__in=HOLDING).count()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_phone_from_twelve_clients_at_once_gets_one_seat(postgres_only, world):
    place = build_center(world, seats=20)

    outcomes = _race(["13912345678"] * THREADS, place.slot.pk)

    assert outcomes.count("booked") == 1, outcomes
    assert set(outcomes) == {"booked", "phone_twice"}
    place.slot.refresh_from_db()
    assert place.slot.booked == 1 == Booking.objects.filter(slot=place.slot).count()


@pytest.mark.django_db(transaction=True)
def test_the_database_itself_refuses_a_count_past_the_seats(world):
    """Behind the lock: a writer that skipped it (a bug, a script) still cannot overbook."""
    from django.db import IntegrityError, transaction
    from django.db.models import F

    from qingzhuang.centers.models import Slot

    place = build_center(world, seats=1)
    Slot.objects.filter(pk=place.slot.pk).update(booked=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=place.slot.pk).update(booked=F("booked") + 1)

    place.slot.refresh_from_db()
    assert place.slot.booked == 1

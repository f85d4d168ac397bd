"""The fixture that installs the test app's component for one test (import it into a test module)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from qingzhuang.ledger.measures import measures_reload
from tests.ledger_testapp import store

APP = "tests.ledger_testapp"


@pytest.fixture
def ledger_testapp(settings: Any) -> Iterator[Any]:
    """The test app is a component for the duration of the test; its in-memory records start empty."""
    settings.QZ_EXTRA_APPS = [*settings.QZ_EXTRA_APPS, APP]
    measures_reload()
    store.RECORDS.clear()
    yield store
    store.RECORDS.clear()
    settings.QZ_EXTRA_APPS = [a for a in settings.QZ_EXTRA_APPS if a != APP]
    measures_reload()

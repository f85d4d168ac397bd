"""A test-only app that contributes one ledger measure, to prove a new kind of burden plugs in
without a line of ledger code changing.

Its raw records live in memory (``store.py``): creating or deleting one calls ``ledger_add`` like a
real domain service would, and the measure's ``compute()`` reads them back for the rebuild.
Install it in a test with the ``ledger_testapp`` fixture (``tests/ledger_testapp/fixtures.py``), which
adds it to ``settings.QZ_EXTRA_APPS`` and forgets the cached components; outside pytest, run with
``QZ_EXTRA_APPS=tests.ledger_testapp``.
"""

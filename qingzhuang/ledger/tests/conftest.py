from tests.ledger_testapp.fixtures import ledger_testapp  # noqa: F401 - a fixture for the tests here

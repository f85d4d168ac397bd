"""A bounded schemathesis run over the whole OpenAPI schema: no operation answers with a server error,
and every error is in the one shape. Runs in CI with the rest of the suite (a few examples per operation).

Values come from the schema (positive) and deliberately against it (negative: wrong types, missing
fields, out-of-range numbers, odd strings), sent as a signed-in system administrator with a write token.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from qingzhuang.accounts.services import api_token_create
from qingzhuang.documents.services import document_create
from qingzhuang.meetings.tests.factories import make as make_meeting

pytestmark = pytest.mark.django_db

@pytest.fixture
def connections_kept():
    """As Django's test client does: the WSGI app must not close the test's connection after each request
    (on PostgreSQL, with the pool, the test's transaction would be lost)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Per operation and mode; about 30 operations: a few hundred requests, well under two minutes on SQLite.
EXAMPLES = 8


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["schema values", "values against the schema"])
def test_no_operation_answers_with_a_server_error_and_errors_have_one_shape(world, connections_kept, mode):
    from config.wsgi import application

    _token, raw = api_token_create(actor=None, user=world.admin, name="schemathesis")
    headers = {"Authorization": f"Bearer {raw}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    # Generated ids rarely exist; half the time, point them at real records so the services run.
    document = document_create(actor=None, issuer=world.civil_affairs, title="关于做好冬季安全生产工作的通知", text="各社区：现通知如下。",
                               recipients=[world.xincheng])
    meeting = make_meeting(world)
    real = {"document_id": document.pk, "meeting_id": meeting.pk, "unit_id": world.xincheng.pk, "issuer_id": world.civil_affairs.pk,
            "organiser_id": world.civil_affairs.pk, "recipient_ids": [world.xincheng.pk], "attendee_ids": [world.yongle.pk]}

    def point_at_real_records(case):
        if case.path_parameters:
            case.path_parameters = {k: real.get(k, v) for k, v in case.path_parameters.items()}
        if isinstance(case.body, dict):
            case.body = {k: real.get(k, v) if isinstance(v, int | list) else v for k, v in case.body.items()}

    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode), use_real=st.booleans())
        def call(case, use_real):
            if use_real:
                point_at_real_records(case)
            response = case.call(headers=headers)
            where = f"{case.method} {case.formatted_path} query={case.query} body={case.body!r:.200}"
            if response.status_code >= 500:
                failures.append(f"{response.status_code} {where}: {response.text[:200]}")
            elif response.status_code >= 400:
                body = response.json()
                if not (isinstance(body, dict) and body.get("error", {}).get("code") and body["error"].get("message")):
                    failures.append(f"{response.status_code} not in the error shape {where}: {response.text[:200]}")

        call()
    assert operations >= 20
    assert failures == [], "\n".join(dict.fromkeys(failures))

import time

import pytest
from django.db import connection

from qingzhuang.jobs.models import Job, JobStatus
from qingzhuang.jobs.services import job_start
from qingzhuang.jobs.tests import jobfuncs


@pytest.mark.django_db(transaction=True)
def test_progress_from_inside_a_transaction_reaches_the_row_through_a_second_connection(world, settings):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite allows a single writer, so progress goes through the cache there")
    settings.QZ_INPROCESS_JOBS = "thread"
    settings.CELERY_BROKER_URL = ""
    jobfuncs.RELEASE.clear()

    job = job_start(actor=world.reviewer, kind="test.hold", func="qingzhuang.jobs.tests.jobfuncs.hold_in_transaction")
    try:
        deadline = time.monotonic() + 20
        while Job.objects.get(pk=job.pk).done != 7 and time.monotonic() < deadline:
            time.sleep(0.05)
        row = Job.objects.get(pk=job.pk)
        assert (row.done, row.total, row.message, row.status) == (7, 10, "half-way", JobStatus.RUNNING)
    finally:
        jobfuncs.RELEASE.set()
    deadline = time.monotonic() + 20
    while Job.objects.get(pk=job.pk).is_active and time.monotonic() < deadline:
        time.sleep(0.05)
    assert Job.objects.get(pk=job.pk).status == JobStatus.DONE

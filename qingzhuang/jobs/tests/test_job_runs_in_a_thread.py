import time

import pytest

from qingzhuang.jobs.models import Job, JobStatus
from qingzhuang.jobs.services import job_start


@pytest.mark.django_db(transaction=True)
def test_a_thread_job_runs_after_commit_and_finishes(world, settings):
    settings.QZ_INPROCESS_JOBS = "thread"
    settings.CELERY_BROKER_URL = ""

    job = job_start(actor=world.reviewer, kind="test.count", func="qingzhuang.jobs.tests.jobfuncs.count_to", payload={"n": 50})

    deadline = time.monotonic() + 30
    while Job.objects.get(pk=job.pk).is_active and time.monotonic() < deadline:
        time.sleep(0.05)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.result == {"counted": 50}

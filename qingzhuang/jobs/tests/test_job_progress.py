import pytest
from django.db import transaction

from qingzhuang.jobs.models import Job, JobStatus
from qingzhuang.jobs.selectors import job_live
from qingzhuang.jobs.services import job_progress


def _job(**fields):
    return Job.objects.create(kind="test", func="qingzhuang.jobs.tests.jobfuncs.count_to", status=JobStatus.RUNNING, **fields)


@pytest.mark.django_db(transaction=True)
def test_progress_writes_are_throttled_not_one_per_row(django_assert_max_num_queries):
    job = _job()
    with django_assert_max_num_queries(3):
        written = sum(job_progress(job, i, 10_000, "working") for i in range(1, 10_001))

    assert 2 <= written <= 3  # the first call, maybe one after half a second, and the last
    job.refresh_from_db()
    assert (job.done, job.total) == (10_000, 10_000)


@pytest.mark.django_db(transaction=True)
def test_progress_touches_only_its_own_fields():
    job = _job(payload={"a": 1})
    stale = Job.objects.get(pk=job.pk)
    Job.objects.filter(pk=job.pk).update(result={"kept": True})
    stale.payload = {"changed": "in memory only"}

    job_progress(stale, 3, 4, "three", force=True)

    job.refresh_from_db()
    assert (job.done, job.total, job.message) == (3, 4, "three")
    assert job.payload == {"a": 1} and job.result == {"kept": True} and job.status == JobStatus.RUNNING


@pytest.mark.django_db(transaction=True)
def test_progress_inside_a_long_transaction_is_still_readable_by_the_progress_page():
    job = _job()
    with transaction.atomic():
        job_progress(job, 40, 100, "writing", force=True)
        fresh = job_live(Job.objects.get(pk=job.pk))

    assert (fresh.done, fresh.total, fresh.message) == (40, 100, "writing")

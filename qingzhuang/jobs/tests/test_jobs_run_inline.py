import pytest

from qingzhuang.audit.models import Event
from qingzhuang.jobs.models import Job, JobStatus
from qingzhuang.jobs.services import job_start

pytestmark = pytest.mark.django_db


def test_a_sync_job_runs_inline_and_keeps_its_result_and_progress(world):
    job = job_start(actor=world.reviewer, kind="test.count", func="qingzhuang.jobs.tests.jobfuncs.count_to", payload={"n": 5}, unit=world.office)

    assert job.status == JobStatus.DONE
    assert job.result == {"counted": 5}
    assert (job.done, job.total, job.message) == (5, 5, "step 5")
    assert job.created_by == world.reviewer and job.unit == world.office
    assert job.started_at and job.finished_at and job.finished_at >= job.started_at
    assert Event.objects.filter(model="jobs.job", object_id=str(job.pk), action="create").exists()


def test_an_unexpected_error_is_stored_as_a_clear_chinese_message(world):
    job = job_start(actor=world.reviewer, kind="test.explode", func="qingzhuang.jobs.tests.jobfuncs.explode")

    assert job.status == JobStatus.FAILED
    assert "ValueError" in job.message and "意外错误" in job.message
    assert job.finished_at is not None


def test_a_domain_error_keeps_its_own_message(world):
    job = job_start(actor=world.reviewer, kind="test.refuse", func="qingzhuang.jobs.tests.jobfuncs.refuse")

    assert (job.status, job.message) == (JobStatus.FAILED, "太晚了")


def test_a_wrong_function_path_fails_at_start_and_creates_no_job(world):
    before = Job.objects.count()
    with pytest.raises(ImportError):
        job_start(actor=world.reviewer, kind="test.none", func="qingzhuang.jobs.tests.jobfuncs.missing")
    assert Job.objects.count() == before


def test_a_job_runs_once_even_if_started_twice(world):
    from qingzhuang.jobs.services import job_run

    job = job_start(actor=world.reviewer, kind="test.count", func="qingzhuang.jobs.tests.jobfuncs.count_to", payload={"n": 2})
    again = job_run(job_id=job.pk)

    assert again.status == JobStatus.DONE and again.finished_at == job.finished_at


def test_a_job_can_attach_a_result_file_under_media_jobs(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    job = job_start(actor=world.reviewer, kind="test.file", func="qingzhuang.jobs.tests.jobfuncs.make_file", payload={"text": "你好"})

    assert job.result_file.name.startswith("jobs/")
    assert (tmp_path / job.result_file.name).read_text() == "你好"

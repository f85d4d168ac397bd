import pytest

from config.celery import app as celery_app
from qingzhuang.jobs.models import JobStatus
from qingzhuang.jobs.services import job_start
from qingzhuang.jobs.tasks import run_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def eager_celery(settings):
    """The Celery path with a broker configured; the task body runs through Celery's machinery without a worker."""
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before


def test_with_a_broker_the_job_goes_through_the_celery_task_after_commit(world, eager_celery, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = job_start(actor=world.reviewer, kind="test.count", func="qingzhuang.jobs.tests.jobfuncs.count_to", payload={"n": 3})
        assert job.status == JobStatus.QUEUED  # nothing runs before the transaction commits

    assert len(callbacks) == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result == {"counted": 3}


def test_the_celery_task_is_registered_under_its_documented_name():
    assert run_job.name == "qingzhuang.jobs.tasks.run_job"
    assert "qingzhuang.jobs.tasks.run_job" in celery_app.tasks

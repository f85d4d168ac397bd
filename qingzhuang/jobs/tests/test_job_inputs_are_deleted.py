"""An uploaded file handed to a job (a workbook with residents' data) is deleted when the job ends, whatever
the outcome: done, failed, refused, or settled after its process died or never started."""

import datetime as dt
import socket
import subprocess
import sys

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from qingzhuang.jobs.models import Job, JobStatus
from qingzhuang.jobs.services import job_settle, job_start
from qingzhuang.org.imports import import_start, workbook_bytes
from qingzhuang.org.tests.test_import_good_file import good_workbook

pytestmark = pytest.mark.django_db

FUNCS = "qingzhuang.jobs.tests.jobfuncs"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def residents_file() -> str:
    return default_storage.save("jobs/uploads/residents.xlsx", ContentFile("张晓燕 61102519850304002X".encode()))


def uploads(media) -> list[str]:
    folder = media / "jobs" / "uploads"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize(("func", "payload", "status"), [
    ("count_to", {"n": 3}, JobStatus.DONE),
    ("explode", {}, JobStatus.FAILED),
    ("refuse", {}, JobStatus.FAILED),
])
def test_the_input_is_deleted_when_the_job_ends(world, media, func, payload, status):
    path = residents_file()
    job = job_start(actor=world.street_officer, kind="test", func=f"{FUNCS}.{func}", payload=payload, input_files=[path])
    assert job.status == status
    assert not default_storage.exists(path) and uploads(media) == []
    assert Job.objects.get(pk=job.pk).input_files == []


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_the_input_is_deleted_when_the_jobs_process_died(world, media):
    path = residents_file()
    job = Job.objects.create(kind="org.import", func=f"{FUNCS}.count_to", status=JobStatus.RUNNING, created_by=world.street_officer,
                             runner=f"{socket.gethostname()}:{_dead_pid()}", input_files=[path])
    assert default_storage.exists(path)
    assert job_settle(job).status == JobStatus.FAILED
    assert not default_storage.exists(path) and uploads(media) == []


def test_the_input_is_deleted_when_the_job_never_started(world, media, settings):
    settings.CELERY_BROKER_URL = ""
    path = residents_file()
    job = Job.objects.create(kind="org.import", func=f"{FUNCS}.count_to", status=JobStatus.QUEUED, created_by=world.street_officer, input_files=[path])
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(seconds=settings.QZ_JOB_START_TIMEOUT + 60))
    job.refresh_from_db()
    assert job_settle(job).status == JobStatus.FAILED
    assert uploads(media) == []


def test_a_running_job_keeps_its_input(world, media):
    from qingzhuang.jobs.services import runner_name

    path = residents_file()
    job = Job.objects.create(kind="org.import", func=f"{FUNCS}.count_to", status=JobStatus.RUNNING, created_by=world.street_officer,
                             runner=runner_name(), input_files=[path])
    assert job_settle(job).status == JobStatus.RUNNING
    assert default_storage.exists(path)


@pytest.mark.parametrize("content", [good_workbook, lambda: workbook_bytes({"单位": [["名称"], ["无类别的单位"]]})])
def test_an_uploaded_workbook_is_gone_after_its_import_succeeds_or_fails(world, media, content):
    upload = SimpleUploadedFile("居民名单.xlsx", content(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    job = import_start(actor=world.admin, upload=upload)
    assert job.status in (JobStatus.DONE, JobStatus.FAILED)
    assert uploads(media) == []

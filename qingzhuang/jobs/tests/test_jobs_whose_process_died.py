"""A job whose process died (server restart, crash) fails on its page instead of "running" for ever."""

import datetime as dt
import os
import socket
import subprocess
import sys

import pytest
from django.utils import timezone

from qingzhuang.audit.models import Event
from qingzhuang.jobs.models import Job, JobStatus
from qingzhuang.jobs.services import job_settle, job_start, runner_name

pytestmark = pytest.mark.django_db


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _job(user, **fields):
    return Job.objects.create(kind="test.count", func="qingzhuang.jobs.tests.jobfuncs.count_to", created_by=user, unit=user.roles.first().unit, **fields)


def test_a_running_job_whose_process_is_gone_fails_on_its_page_and_the_change_is_audited(world, client_for):
    job = _job(world.street_officer, status=JobStatus.RUNNING, runner=f"{socket.gethostname()}:{_dead_pid()}", done=3, total=12)

    html = client_for(world.street_officer).get(f"/jobs/{job.pk}/progress/").content.decode()

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.finished_at is not None
    assert "hx-trigger" not in html  # the page stops polling
    assert "中断" in html and "重新" in html
    event = Event.objects.get(model="jobs.job", object_id=str(job.pk), action="update")
    assert event.changes == {"status": ["running", "failed"]} and event.actor_name == "system"


def test_a_job_run_by_this_process_or_another_machine_is_left_running(world):
    mine = _job(world.street_officer, status=JobStatus.RUNNING, runner=runner_name())
    elsewhere = _job(world.street_officer, status=JobStatus.RUNNING, runner=f"other-host:{os.getpid()}")
    unknown = _job(world.street_officer, status=JobStatus.RUNNING, runner="")

    for job in (mine, elsewhere, unknown):
        assert job_settle(job).status == JobStatus.RUNNING
    assert not Event.objects.filter(model="jobs.job", action="update").exists()


def test_a_thread_job_queued_too_long_never_started_and_fails(world, settings):
    settings.CELERY_BROKER_URL = ""
    settings.QZ_JOB_START_TIMEOUT = 300
    fresh = _job(world.street_officer, status=JobStatus.QUEUED)
    stale = _job(world.street_officer, status=JobStatus.QUEUED)
    Job.objects.filter(pk=stale.pk).update(created_at=timezone.now() - dt.timedelta(minutes=6))
    stale.refresh_from_db()

    assert job_settle(fresh).status == JobStatus.QUEUED
    assert job_settle(stale).status == JobStatus.FAILED
    assert Job.objects.get(pk=stale.pk).message == "任务没有开始：服务在它运行之前重启了。请重新开始。"


def test_a_job_waiting_for_a_celery_worker_is_left_queued(world, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    job = _job(world.street_officer, status=JobStatus.QUEUED)
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(hours=2))
    job.refresh_from_db()

    assert job_settle(job).status == JobStatus.QUEUED


def test_a_job_taken_records_its_runner(world):
    job = job_start(actor=world.street_officer, kind="test.count", func="qingzhuang.jobs.tests.jobfuncs.count_to", payload={"n": 1})

    assert Job.objects.get(pk=job.pk).runner == runner_name()

"""A background job goes through the real Redis broker to a real `celery worker` process, not eagerly."""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.db import connection

from config.celery import app as celery_app
from qingzhuang.jobs.models import Job, JobStatus
from qingzhuang.org.imports import import_start
from qingzhuang.org.tests.test_import_good_file import good_workbook
from tests.prod.servers import PYTHON, database_url_of, running

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

REDIS_URL = os.environ.get("QZ_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
WAIT_SECONDS = 90


@pytest.fixture
def broker():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.skip(f"no Redis at {REDIS_URL} ({exc}): the real-worker test needs one (apt-get install redis-server)")
    if connection.vendor != "postgresql":
        pytest.skip("the worker is another process: it needs a database it can share (run with DATABASE_URL=postgres://…; SQLite tests are in memory)")
    return REDIS_URL


def forget_celery_state() -> None:
    """Drop what the app cached from earlier tests (connection pool, producer pool, queues and router), so the
    broker and queue set now are the ones a message goes to."""
    pool = celery_app.__dict__.pop("_pool", None)
    if pool is not None:
        pool.force_close_all()
    amqp = celery_app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None
        for name in ("default_queue", "queues", "router"):
            amqp.__dict__.pop(name, None)


@pytest.fixture
def celery_through(broker, settings, tmp_path):
    """This process sends to ``broker`` on a queue of its own; a real worker consumes it."""
    queue = f"qz-test-{uuid.uuid4().hex[:8]}"
    settings.CELERY_BROKER_URL = broker
    settings.MEDIA_ROOT = tmp_path / "media"
    saved = {k: celery_app.conf[k] for k in ("broker_url", "task_always_eager", "task_default_queue")}
    celery_app.conf.update(broker_url=broker, task_always_eager=False, task_default_queue=queue)
    forget_celery_state()
    env = {
        "DATABASE_URL": database_url_of(settings.DATABASES["default"]),
        "CELERY_BROKER_URL": broker,
        "QZ_CELERY_QUEUE": queue,
        "QZ_VAR_DIR": str(tmp_path),
    }
    command = [PYTHON, "-m", "celery", "-A", "config", "worker", "--pool", "prefork", "--concurrency", "1",
               "--loglevel", "info", "--without-gossip", "--without-mingle", "--hostname", f"{queue}@%h"]
    try:
        with running(command, env=env) as worker:
            yield worker
    finally:
        celery_app.conf.update(saved)
        forget_celery_state()


def wait_until_finished(job_id: int) -> Job:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        job = Job.objects.get(pk=job_id)
        if not job.is_active:
            return job
        time.sleep(0.25)
    raise AssertionError(f"job {job_id} still {Job.objects.get(pk=job_id).status} after {WAIT_SECONDS}s")


def test_an_import_runs_in_the_worker_process_through_redis(world, celery_through, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("单位人员.xlsx", good_workbook())
    job = import_start(actor=world.admin, upload=upload)
    assert job.status == JobStatus.QUEUED  # queued, not run in this process

    job = wait_until_finished(job.pk)
    assert job.status == JobStatus.DONE, job.message
    assert job.result["ok"] is True and job.result["created"]["units"] == 4
    host, _colon, pid = job.runner.rpartition(":")
    assert int(pid) != os.getpid() and int(pid) in worker_pids(celery_through.pid)
    assert list(Path(settings.MEDIA_ROOT).rglob("*.xlsx")) == []  # the worker deleted the upload


def worker_pids(root: int) -> set[int]:
    """The worker's main process and its pool children."""
    pids = {root}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if int(fields.get("PPid", "0").strip() or 0) in pids:
            pids.add(int(status.parent.name))
    return pids

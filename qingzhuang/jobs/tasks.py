"""Celery entry point: a worker runs a job by id."""

from celery import shared_task

from qingzhuang.jobs.services import job_run


@shared_task(name="qingzhuang.jobs.tasks.run_job", acks_late=True)
def run_job(job_id: int) -> None:
    job_run(job_id=job_id)

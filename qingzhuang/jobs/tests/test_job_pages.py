import pytest

from qingzhuang.jobs.models import Job, JobStatus
from qingzhuang.jobs.services import job_start

pytestmark = pytest.mark.django_db


def _running_job(user, unit=None):
    return Job.objects.create(kind="test.count", func="qingzhuang.jobs.tests.jobfuncs.count_to", status=JobStatus.RUNNING,
                              created_by=user, unit=unit, done=3, total=12, message="正在处理")


def test_a_running_job_page_polls_every_second_and_shows_a_progress_bar(world, client_for):
    job = _running_job(world.street_officer, world.yongle)
    response = client_for(world.street_officer).get(f"/jobs/{job.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'hx-trigger="every 1s"' in html and f'hx-get="/jobs/{job.pk}/progress/"' in html
    assert '<progress class="progress job-bar" max="12" value="3">' in html
    assert "style=" not in html.split("<main", 1)[1]


def test_a_finished_job_stops_polling_and_shows_its_result(world, client_for):
    job = job_start(actor=world.street_officer, kind="test.count", func="qingzhuang.jobs.tests.jobfuncs.count_to", payload={"n": 2})
    response = client_for(world.street_officer).get(f"/jobs/{job.pk}/progress/")

    html = response.content.decode()
    assert "hx-trigger" not in html
    assert "已完成" in html and "step 2" in html


def test_a_job_is_seen_by_its_creator_by_those_over_its_unit_and_by_admins_only(world, client):
    job = _running_job(world.street_officer, world.yongle)
    seen = {}
    for name in ("street_officer", "reviewer", "admin", "secretary", "outsider", "clerk"):
        client.force_login(getattr(world, name))
        seen[name] = client.get(f"/jobs/{job.pk}/progress/").status_code

    assert seen == {"street_officer": 200, "reviewer": 200, "admin": 200, "secretary": 403, "outsider": 403, "clerk": 403}


def test_a_job_without_a_unit_is_private_to_its_creator(world, client):
    job = _running_job(world.secretary)
    client.force_login(world.reviewer)
    assert client.get(f"/jobs/{job.pk}/").status_code == 403
    client.force_login(world.secretary)
    assert client.get(f"/jobs/{job.pk}/").status_code == 200


def test_the_result_file_downloads_for_the_creator_only(world, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    job = job_start(actor=world.secretary, kind="test.file", func="qingzhuang.jobs.tests.jobfuncs.make_file", payload={"text": "报告"})
    client.force_login(world.secretary)
    response = client.get(f"/jobs/{job.pk}/file/")
    assert response.status_code == 200 and b"".join(response.streaming_content).decode() == "报告"
    client.force_login(world.outsider)
    assert client.get(f"/jobs/{job.pk}/file/").status_code == 403


def test_the_progress_poll_does_not_rewrite_the_session(world, client_for, settings):
    from django.contrib.sessions.models import Session

    job = _running_job(world.street_officer, world.yongle)
    client = client_for(world.street_officer)
    client.get("/")
    saved = Session.objects.get().expire_date

    client.get(f"/jobs/{job.pk}/progress/")

    assert Session.objects.get().expire_date == saved

"""Liveness, readiness and the 500 page: a probe learns what is wrong; a person sees a page in Chinese, never a trace."""

import pytest
from django.test import Client

from tests.prod.servers import PYTHON, free_port, get, output_of, running

pytestmark = pytest.mark.django_db


def test_liveness_answers_while_the_process_is_up(client):
    for url in ("/livez", "/healthz"):
        response = client.get(url)
        assert response.status_code == 200 and response.content == b"ok"


def test_readiness_answers_ready_when_the_database_answers_and_no_broker_is_configured(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/readyz")
    assert response.status_code == 200 and response.content == b"ready"
    assert "no-cache" in response.headers.get("Cache-Control", "")


def test_readiness_is_503_naming_an_unreachable_broker(client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"
    response = client.get("/readyz")
    body = response.content.decode()
    assert response.status_code == 503
    assert body.startswith("消息队列无法连接") and "数据库" not in body


@pytest.mark.django_db(transaction=True)
def test_a_server_started_against_an_unreachable_database_says_so_and_is_not_ready():
    port, dead = free_port(), free_port()
    env = {"DATABASE_URL": f"postgres://postgres@127.0.0.1:{dead}/qingzhuang", "CELERY_BROKER_URL": "", "HOST": "127.0.0.1", "PORT": str(port),
           "QZ_WEB_WORKERS": "2"}
    command = [PYTHON, "-m", "config.serve"]
    with running(command, env=env, ready_url=f"http://127.0.0.1:{port}/livez") as proc:
        status, body = get(f"http://127.0.0.1:{port}/readyz")
        log = output_of(proc)
    assert status == 503 and body.startswith("数据库无法连接") and "Traceback" not in body
    lines = [line for line in log.splitlines() if f"127.0.0.1:{dead}/qingzhuang" in line]
    assert len(lines) == 1 and "数据库无法连接" in lines[0] and "/readyz" in lines[0], log
    assert "Traceback" not in log


def test_a_server_error_shows_the_branded_page_in_chinese_without_details(settings):
    settings.ROOT_URLCONF = "qingzhuang.web.tests.boom_urls"
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/boom/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    body = response.content.decode()
    assert response.status_code == 500
    assert "出错了" in body and "轻装" in body and "返回首页" in body
    assert "secret-internal-detail" not in body and "RuntimeError" not in body and "Traceback" not in body

import pytest

pytestmark = pytest.mark.django_db


def test_secretary_who_is_not_staff_cannot_enter_the_back_office(world, client):
    client.force_login(world.secretary)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get("/admin/org/unit/").status_code == 302


def test_staff_flag_alone_does_not_open_the_back_office(world, client):
    world.secretary.is_staff = True
    world.secretary.save()
    client.force_login(world.secretary)
    assert client.get("/admin/").status_code == 302


def test_staff_reviewer_enters_and_sees_only_what_they_manage(world, client):
    world.reviewer.is_staff = True
    world.reviewer.save()
    client.force_login(world.reviewer)
    response = client.get("/admin/")
    assert response.status_code == 200
    models = {m["object_name"] for app in response.context["app_list"] for m in app["models"]}
    assert {"Unit", "Person", "RoleAssignment", "User", "ApiToken"} <= models
    assert "Group" not in models and "Event" not in models


def test_reviewer_who_is_not_staff_is_kept_out(world, client):
    client.force_login(world.reviewer)
    assert client.get("/admin/").status_code == 302


def test_system_administrator_enters(world, client):
    client.force_login(world.admin)
    assert client.get("/admin/").status_code == 200

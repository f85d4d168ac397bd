from django.urls import path

from qingzhuang.teams import views

app_name = "teams"

urlpatterns = [
    path("", views.index, name="index"),
    path("ask/<int:member_pk>/", views.ask, name="ask"),
    path("requests/<int:pk>/answer/", views.answer, name="answer"),
]

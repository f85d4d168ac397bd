from django.urls import path

from qingzhuang.teams import views

app_name = "teams"

urlpatterns = [
    path("", views.index, name="index"),
    path("ask/<int:member_pk>/", views.ask, name="ask"),
    path("requests/<int:pk>/answer/", views.answer, name="answer"),
    path("requests/<int:pk>/done/", views.done, name="done"),
    path("people/new/", views.member_new, name="member_new"),
    path("people/<int:pk>/", views.member, name="member"),
    path("activities/new/", views.activity_new, name="activity_new"),
]

from django.urls import path

from qingzhuang.gate import views

app_name = "gate"
urlpatterns = [
    path("board/", views.board, name="board"),
    path("quotas/", views.quotas, name="quotas"),
    path("rules/", views.rules, name="rules"),
    path("rules/<str:code>/", views.rule_edit, name="rule_edit"),
    path("notices/", views.notices, name="notices"),
    path("notices/<int:pk>/read/", views.notice_read, name="notice_read"),
]

from django.urls import path

from qingzhuang.duties import views

app_name = "duties"

urlpatterns = [
    path("", views.index, name="index"),
    path("unit/<int:pk>/", views.unit, name="unit"),
    path("import/", views.import_page, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("adjustments/", views.adjustments, name="adjustments"),
    path("adjustments/<int:pk>/", views.adjustment, name="adjustment"),
    path("tasks/", views.tasks, name="tasks"),
    path("tasks/new/", views.task_new, name="task_new"),
    path("tasks/<int:pk>/", views.task, name="task"),
    path("entry/", views.entry, name="entry"),
    path("signboards/", views.signboards, name="signboards"),
    path("signboards/request/", views.signboard_request, name="signboard_request"),
]

from django.urls import path

from qingzhuang.org import group_views, import_views, views

app_name = "org"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("regions/<int:pk>/", views.region_detail, name="region"),
    path("units/<int:pk>/", views.unit_detail, name="unit"),
    path("recipient-groups/", group_views.group_list, name="groups"),
    path("recipient-groups/new/", group_views.group_new, name="group_new"),
    path("recipient-groups/save/", group_views.group_save, name="group_save"),
    path("recipient-groups/<int:pk>/", group_views.group_edit, name="group_edit"),
    path("recipient-groups/<int:pk>/delete/", group_views.group_delete, name="group_delete"),
    path("import/", import_views.import_page, name="import"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
    path("import/<int:pk>/", import_views.import_job, name="import_job"),
]

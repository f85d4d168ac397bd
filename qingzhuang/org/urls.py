from django.urls import path

from qingzhuang.org import import_views, views

app_name = "org"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("regions/<int:pk>/", views.region_detail, name="region"),
    path("units/<int:pk>/", views.unit_detail, name="unit"),
    path("import/", import_views.import_page, name="import"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
    path("import/<int:pk>/", import_views.import_job, name="import_job"),
]

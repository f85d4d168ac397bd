from django.urls import path

from qingzhuang.riders import views

app_name = "riders"

urlpatterns = [
    path("", views.index, name="index"),
    path("report/", views.report, name="report"),
    path("report/nearby/", views.nearby, name="nearby"),
    path("report/<int:pk>/add/", views.add_to, name="add_to"),
    path("mine/", views.mine, name="mine"),
    path("reports/", views.reports, name="reports"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("photos/<int:pk>/<str:size>.jpg", views.photo, name="photo"),
    path("areas/", views.areas, name="areas"),
    path("categories/", views.categories, name="categories"),
    path("patrols/", views.patrols, name="patrols"),
    path("patrols/<int:pk>/", views.patrol_detail, name="patrol_detail"),
    path("publicity/", views.publicity, name="publicity"),
    path("department/", views.department_reports, name="department_reports"),
]

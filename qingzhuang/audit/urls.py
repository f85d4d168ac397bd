from django.urls import path

from qingzhuang.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("<str:model>/<str:object_id>/", views.object_history, name="object"),
]

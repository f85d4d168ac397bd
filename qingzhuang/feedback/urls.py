from django.urls import path

from qingzhuang.feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign/", views.sign, name="sign"),
    path("report/<int:unit_id>/<str:item_type>/<int:item_id>/", views.report_new, name="report_new"),
    path("reports/", views.reports, name="reports"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
]

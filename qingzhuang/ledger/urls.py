from django.urls import path

from qingzhuang.ledger import views

app_name = "ledger"
urlpatterns = [
    path("", views.board, name="board"),
    path("counties/", views.counties, name="counties"),
    path("mine/", views.mine, name="mine"),
    path("units/<int:pk>/", views.unit, name="unit"),
    path("units/<int:pk>/items/", views.unit_items, name="items"),
    path("reports/", views.report_start, name="report_start"),
    path("reports/now.pdf", views.report_now, name="report_now"),
    path("reports/<int:pk>/<str:fmt>/", views.report_file, name="report_file"),
    path("article/", views.article_page, name="article"),
]

from django.urls import path

from qingzhuang.org import views

app_name = "org"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("regions/<int:pk>/", views.region_detail, name="region"),
    path("units/<int:pk>/", views.unit_detail, name="unit"),
]

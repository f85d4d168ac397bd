from django.urls import path

from qingzhuang.workdays import views

app_name = "workdays"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:year>/", views.year, name="year"),
]

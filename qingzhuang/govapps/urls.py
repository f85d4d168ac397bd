from django.urls import path

from qingzhuang.govapps import views

app_name = "govapps"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("unit/<int:pk>/", views.unit, name="unit"),
]

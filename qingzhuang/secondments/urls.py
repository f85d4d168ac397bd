from django.urls import path

from qingzhuang.secondments import views

app_name = "secondments"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
]

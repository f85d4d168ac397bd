from django.urls import path

from qingzhuang.pairing import views

app_name = "pairing"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.edit, name="edit"),
    path("proposal/", views.propose, name="propose"),
]

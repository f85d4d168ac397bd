from django.urls import path

from qingzhuang.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.case, name="case"),
    path("photos/<int:pk>/<slug:size>.jpg", views.photo, name="photo"),
    path("<int:pk>/<slug:action>/", views.act, name="act"),
]

from django.urls import path

from qingzhuang.centers import views

app_name = "centers"

urlpatterns = [
    path("centers/", views.index, name="index"),
    path("centers/<int:pk>/", views.center, name="center"),
    path("centers/<int:pk>/services/<int:service_pk>/", views.service, name="service"),
    path("centers/<int:pk>/today/", views.today, name="today"),
    # Each center's public page: no login.
    path("c/<slug:code>/", views.public, name="public"),
    path("c/<slug:code>/book/<int:slot_pk>/", views.public_book, name="public_book"),
    path("c/<slug:code>/cancel/", views.public_cancel, name="public_cancel"),
]

from django.urls import path

from qingzhuang.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    # Liveness (/healthz kept for existing probes) and readiness.
    path("healthz", views.livez, name="healthz"),
    path("livez", views.livez, name="livez"),
    path("readyz", views.readyz, name="readyz"),
]

from django.urls import path

from qingzhuang.visits import views

app_name = "visits"

urlpatterns = [
    path("", views.visit_list, name="list"),
    path("new/", views.visit_new, name="new"),
    path("<int:pk>/", views.visit_detail, name="detail"),
    path("unit/<int:pk>/incoming.ics", views.incoming_ics, name="incoming_ics"),
]

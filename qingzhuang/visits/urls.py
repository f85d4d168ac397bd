from django.urls import path

from qingzhuang.visits import liaison_views, views

app_name = "visits"

urlpatterns = [
    path("", views.visit_list, name="list"),
    path("new/", views.visit_new, name="new"),
    path("<int:pk>/", views.visit_detail, name="detail"),
    path("liaison/", liaison_views.liaison, name="liaison"),
    path("<int:pk>/findings/", liaison_views.finding_add, name="finding_add"),
    path("findings/<int:pk>/", liaison_views.finding, name="finding"),
    path("findings/<int:pk>/raise/", liaison_views.finding_raise, name="finding_raise"),
    path("unit/<int:pk>/incoming.ics", views.incoming_ics, name="incoming_ics"),
]

from django.urls import path

from qingzhuang.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_new, name="new"),
    path("review/", views.review_list, name="review_list"),
    path("plans/", views.plans, name="plans"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/review/", views.document_review, name="review"),
    path("<int:pk>/<str:action>/", views.document_action, name="action"),
]

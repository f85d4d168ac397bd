from django.urls import path

from qingzhuang.rewards import views

app_name = "rewards"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("shop/", views.shop, name="shop"),
    path("redemptions/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("redemptions/<int:pk>/hand-over/", views.hand_over, name="hand_over"),
    path("riders/", views.riders, name="riders"),
    path("riders/<int:pk>/", views.rider, name="rider"),
    path("courses/", views.courses, name="courses"),
    path("courses/<int:pk>/", views.course, name="course"),
    path("store/", views.store_counter, name="store"),
]

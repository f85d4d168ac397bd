from django.urls import path

from qingzhuang.inspections import views

app_name = "inspections"

urlpatterns = [
    path("", views.item_list, name="list"),
    path("new/", views.item_new, name="new"),
    path("plan/", views.plan, name="plan"),
    path("plan/merge/", views.plan_merge, name="merge"),
    path("plan/<int:pk>/file/", views.plan_file, name="plan_file"),
    path("figures/", views.figures, name="figures"),
    path("monthly/", views.monthly_review, name="monthly"),
    path("<int:pk>/", views.item_detail, name="detail"),
    path("<int:pk>/accept/", views.item_accept, name="accept"),
    path("<int:pk>/refuse/", views.item_refuse, name="refuse"),
    path("<int:pk>/monthly-approve/", views.item_monthly_approve, name="monthly_approve"),
    path("<int:pk>/carry-out/", views.item_carry_out, name="carry_out"),
    path("<int:pk>/visits/", views.visit_add, name="visit"),
    path("<int:pk>/findings/", views.finding_add, name="finding"),
    path("<int:pk>/findings/<int:finding_pk>/respond/", views.finding_respond, name="respond"),
    path("<int:pk>/feedback/", views.feedback_give, name="feedback"),
]

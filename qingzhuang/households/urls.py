from django.urls import path

from qingzhuang.households import views

app_name = "households"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.edit, name="new"),
    path("export/", views.export, name="export"),
    path("import/", views.import_households, name="import"),
    path("import/template/", views.import_template, name="import_template"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/pair/", views.pair, name="pair"),
    path("pairings/<int:pk>/end/", views.unpair, name="unpair"),
    path("helps/<int:pk>/decide/", views.decide, name="decide"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:pk>/", views.mine_detail, name="mine_detail"),
    path("mine/<int:pk>/help/", views.mine_help, name="mine_help"),
]

from django.urls import path

from qingzhuang.forms import views

app_name = "forms"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("new/", views.form_new, name="new"),
    path("fields-template.xlsx", views.fields_template, name="fields_template"),
    path("<int:pk>/", views.form_detail, name="detail"),
    path("<int:pk>/template/", views.template_upload, name="template"),
    path("<int:pk>/answers.xlsx", views.answers_download, name="answers_xlsx"),
    path("answers/", views.answers, name="answers"),
    path("answers/<int:pk>/", views.answer_fill, name="answer"),
    path("answers/<int:pk>/sheet.xlsx", views.answer_sheet, name="answer_sheet"),
    path("master/", views.master, name="master"),
    path("synonyms/", views.synonyms, name="synonyms"),
]

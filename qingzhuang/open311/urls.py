from django.urls import path, re_path

from qingzhuang.open311 import views

app_name = "open311"
FMT = r"\.(?P<fmt>[^/.]{1,10})$"

urlpatterns = [
    path("keys/", views.keys, name="keys"),
    # GeoReport v2: every resource ends in its format, /open311/v2/services.xml or .json.
    re_path(r"^v2/discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^v2/services" + FMT, views.service_list, name="services"),
    re_path(r"^v2/services/(?P<code>[^/]{1,100})" + FMT, views.service_definition, name="service"),
    re_path(r"^v2/requests" + FMT, views.requests_, name="requests"),
    re_path(r"^v2/requests/(?P<request_id>[^/]{1,100})" + FMT, views.request_one, name="request"),
    re_path(r"^v2/tokens/(?P<token>[^/]{1,100})" + FMT, views.token, name="token"),
    re_path(r"^v2/", views.not_found),
]

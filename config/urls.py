"""Each component's pages are mounted at its url_prefix; the API at /api/v1/."""

import importlib

from django.contrib import admin
from django.urls import include, path

from config.api import api
from qingzhuang.components import all_components

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
for component in all_components():
    if component.url_prefix is None:
        continue
    module = importlib.import_module(f"{component.app}.urls")
    prefix = f"{component.url_prefix}/" if component.url_prefix else ""
    urlpatterns.append(path(prefix, include(module)))

handler403 = "qingzhuang.web.views.permission_denied"
handler404 = "qingzhuang.web.views.page_not_found"

"""The network's pages and protocol endpoints; each protocol keeps its own urls module."""

from django.urls import include, path

urlpatterns: list = [
    path("oai", include("simpul.network.oai.urls")),
    path("sru", include("simpul.network.sru.urls")),
    path("", include("simpul.network.sru.staff_urls")),
    path("", include("simpul.network.partner_urls")),
    path("", include("simpul.network.union.urls")),
    path("", include("simpul.network.ill.urls")),
]

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("", include("simpul.web.urls")),
    path("", include("simpul.accounts.urls")),
    path("", include("simpul.libraries.urls")),
    path("", include("simpul.catalog.urls")),
    path("", include("simpul.members.urls")),
    path("", include("simpul.circulation.urls")),
    path("", include("simpul.circulation.member_urls")),
    path("", include("simpul.network.urls")),
    path("", include("simpul.api.urls")),
    path("bahasa/", set_language, name="set_language"),
    path("admin-jaringan/", admin.site.urls),
]

"""The SRU server at /sru (no trailing slash: partners configure the base URL as written)."""

from django.urls import path

from simpul.network.sru import views

app_name = "sru"

urlpatterns = [
    path("", views.endpoint, name="endpoint"),
]

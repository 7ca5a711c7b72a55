"""/oai: the OAI-PMH 2.0 provider (no trailing slash: harvesters are configured with it so)."""

from django.urls import path

from simpul.network.oai import views

app_name = "oai"
urlpatterns = [path("", views.endpoint, name="endpoint")]

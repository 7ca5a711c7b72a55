"""REST plumbing only: each app keeps its own api.py and is mounted here."""

from django.urls import path
from ninja import NinjaAPI

from simpul.libraries.api import router as libraries_router

api = NinjaAPI(
    title="Simpul API",
    version="1",
    description="API jaringan perpustakaan Kota Metro / API of the Kota Metro library network",
    urls_namespace="api",
)
api.add_router("/libraries/", libraries_router)

urlpatterns = [path("api/v1/", api.urls)]

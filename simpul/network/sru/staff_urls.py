"""Copy cataloguing from other libraries' SRU servers, in the staff library URL space."""

from django.urls import path

from simpul.network.sru import views

app_name = "sru_copy"

urlpatterns = [
    path("staf/perpustakaan/<code:code>/katalog/sru/", views.copy_search, name="search"),
    path("staf/perpustakaan/<code:code>/katalog/sru/impor/", views.copy_import, name="import"),
]

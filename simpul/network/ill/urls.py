"""Routes of interlibrary loan: the ISO 18626 endpoint, the member's pages and the staff's."""

from django.urls import path

from simpul.network.ill import peer_views, staff_views, views
from simpul.network.ill.iso18626 import views as iso18626_views

app_name = "ill"

MINE = "akun/pinjam-antarperpustakaan/"
STAFF = "staf/perpustakaan/<code:code>/pinjam-antarperpustakaan/"
PEERS = "staf/pinjam-antarperpustakaan/mitra/"

urlpatterns = [
    path("iso18626", iso18626_views.endpoint, name="iso18626"),
    path(MINE, views.my_requests, name="mine"),
    path(MINE + "judul/<int:record_id>/", views.ask, name="ask"),
    path(MINE + "<int:pk>/batal/", views.cancel, name="cancel"),
    path(MINE + "<int:pk>/perpanjang/", views.renew, name="renew"),
    path(STAFF, staff_views.request_list, name="staff-list"),
    path(STAFF + "dasbor/", staff_views.dashboard, name="dashboard"),
    path(STAFF + "<int:pk>/", staff_views.request_page, name="staff-request"),
    path(STAFF + "<int:pk>/<slug:verb>/", staff_views.request_act, name="staff-act"),
    path(
        "staf/pinjam-antarperpustakaan/dasbor/",
        staff_views.network_dashboard,
        name="network-dashboard",
    ),
    path(PEERS, peer_views.peer_list, name="peers"),
    path(PEERS + "baru/", peer_views.peer_form, name="peer-add"),
    path(PEERS + "<int:pk>/", peer_views.peer_form, name="peer-edit"),
]

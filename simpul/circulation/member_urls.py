"""URLs of the member's own pages, of placing holds from the OPAC and of the staff pull list.

The desk's URLs are in urls.py; simpul/urls.py includes both.
"""

from django.urls import path

from simpul.circulation import hold_views, member_views

app_name = "member_circulation"

urlpatterns = [
    path("akun/pinjaman/", member_views.loans, name="loans"),
    path("akun/pinjaman/<int:pk>/perpanjang/", member_views.renew, name="renew"),
    path("akun/riwayat/", member_views.history, name="history"),
    path("akun/reservasi/<int:pk>/batal/", hold_views.cancel, name="hold-cancel"),
    path("katalog/<int:pk>/pesan/", hold_views.place, name="hold-place"),
    path("staf/perpustakaan/<code:code>/reservasi/", hold_views.pull_list_page, name="pull-list"),
    path("staf/perpustakaan/<code:code>/reservasi/sisihkan/", hold_views.pull, name="pull"),
]

from django.urls import path

from simpul.members import staff_views, views

app_name = "members"

STAFF = "staf/perpustakaan/<code:code>/anggota/"

urlpatterns = [
    path("anggota/daftar/", views.register, name="register"),
    path("akun/anggota/", views.own, name="own"),
    path("akun/anggota/ubah/", views.own_edit, name="own-edit"),
    path("akun/anggota/foto.jpg", views.own_photo, name="own-photo"),
    path(STAFF, staff_views.search, name="staff-search"),
    path(STAFF + "menunggu/", staff_views.pending, name="staff-pending"),
    path(STAFF + "menunggu/<int:pk>/setujui/", staff_views.approve, name="staff-approve"),
    path(STAFF + "menunggu/<int:pk>/tolak/", staff_views.reject, name="staff-reject"),
    path(STAFF + "baru/", staff_views.register, name="staff-register"),
    path(STAFF + "kartu.pdf", staff_views.cards, name="staff-cards"),
    path(STAFF + "<str:number>/", staff_views.member_page, name="staff-member"),
    path(STAFF + "<str:number>/ubah/", staff_views.edit, name="staff-edit"),
    path(STAFF + "<str:number>/perpanjang/", staff_views.renew, name="staff-renew"),
    path(STAFF + "<str:number>/bekukan/", staff_views.suspend, name="staff-suspend"),
    path(STAFF + "<str:number>/aktifkan/", staff_views.reactivate, name="staff-reactivate"),
    path(STAFF + "<str:number>/akun/", staff_views.account, name="staff-account"),
    path(STAFF + "<str:number>/kartu.pdf", staff_views.card, name="staff-card"),
    path(STAFF + "<str:number>/foto.jpg", staff_views.photo, name="staff-photo"),
]

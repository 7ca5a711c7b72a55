"""The desk and the loan rules, under a library's staff pages. (member_urls.py holds the
member's own pages and holds.)"""

from django.urls import path

from simpul.circulation import desk_account_views, desk_views, print_views, rules_views

app_name = "circulation"

DESK = "staf/perpustakaan/<code:code>/sirkulasi/"
RULES = "staf/perpustakaan/<code:code>/aturan-peminjaman/"

urlpatterns = [
    path(DESK, desk_views.desk, name="desk"),
    path(DESK + "pindai/", desk_views.scan, name="scan"),
    path(DESK + "pengecualian/", desk_views.override, name="override"),
    path(DESK + "kembali/", desk_views.returns, name="returns"),
    path(DESK + "kembali/pindai/", desk_views.checkin_scan, name="checkin"),
    path(DESK + "selesai/", desk_views.finish, name="finish"),
    path(DESK + "pinjaman/<int:pk>/perpanjang/", desk_account_views.renew, name="renew"),
    path(DESK + "pinjaman/<int:pk>/hilang/", desk_account_views.lost, name="lost"),
    path(DESK + "pinjaman/<int:pk>/rusak/", desk_account_views.damaged, name="damaged"),
    path(DESK + "bayar/", desk_account_views.pay, name="pay"),
    path(DESK + "denda/<int:pk>/hapus/", desk_account_views.waive, name="waive"),
    path(DESK + "bukti/", print_views.receipt, name="receipt"),
    path(DESK + "bukti/kirim/", print_views.receipt_send, name="receipt-send"),
    path(DESK + "slip/<int:pk>/", print_views.slip, name="slip"),
    path(RULES, rules_views.rules, name="rules"),
    path(RULES + "baru/", rules_views.rule_new, name="rule-new"),
    path(RULES + "<int:pk>/ubah/", rules_views.rule_edit, name="rule-edit"),
    path(RULES + "<int:pk>/hapus/", rules_views.rule_delete, name="rule-delete"),
]

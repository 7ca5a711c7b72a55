"""Routes of the partner and agreement pages: public under /mitra/, staff under /staf/."""

from django.urls import path

from simpul.network import staff_views, views

app_name = "partners"

STAFF = "staf/mitra/"
AGREEMENTS = "staf/perjanjian/"

urlpatterns = [
    path("mitra/", views.partner_directory, name="directory"),
    path("mitra/<slug:slug>/", views.partner_detail, name="detail"),
    path(STAFF, staff_views.partner_list, name="staff-list"),
    path(STAFF + "baru/", staff_views.partner_new, name="staff-new"),
    path(STAFF + "<slug:slug>/", staff_views.partner_page, name="staff-partner"),
    path(STAFF + "<slug:slug>/ubah/", staff_views.partner_edit, name="staff-edit"),
    path(STAFF + "<slug:slug>/kontak/baru/", staff_views.contact_new, name="contact-new"),
    path(STAFF + "<slug:slug>/kontak/<int:pk>/", staff_views.contact_edit, name="contact-edit"),
    path(
        STAFF + "<slug:slug>/kontak/<int:pk>/hapus/",
        staff_views.contact_delete,
        name="contact-delete",
    ),
    path(AGREEMENTS, staff_views.agreement_list, name="agreements"),
    path(AGREEMENTS + "baru/", staff_views.agreement_new, name="agreement-new"),
    path(AGREEMENTS + "<int:pk>/", staff_views.agreement_page, name="agreement"),
    path(AGREEMENTS + "<int:pk>/ubah/", staff_views.agreement_edit, name="agreement-edit"),
    path(AGREEMENTS + "<int:pk>/status/", staff_views.agreement_status, name="agreement-status"),
    path(
        AGREEMENTS + "<int:pk>/dokumen.pdf",
        staff_views.agreement_document,
        name="agreement-document",
    ),
]

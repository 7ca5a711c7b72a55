from django.urls import path

from simpul.libraries import holiday_views, staff_views, views

app_name = "libraries"

urlpatterns = [
    path("perpustakaan/", views.directory, name="directory"),
    path("perpustakaan/<code:code>/", views.library_detail, name="detail"),
    path("staf/", staff_views.staff_home, name="staff-home"),
    path("staf/perpustakaan/baru/", staff_views.library_new, name="staff-library-new"),
    path("staf/perpustakaan/<code:code>/", staff_views.library_page, name="staff-library"),
    path("staf/perpustakaan/<code:code>/ubah/", staff_views.library_edit, name="staff-edit"),
    path("staf/perpustakaan/<code:code>/jam-buka/", staff_views.library_hours, name="staff-hours"),
    path(
        "staf/perpustakaan/<code:code>/hari-tutup/",
        staff_views.library_closures,
        name="staff-closures",
    ),
    path(
        "staf/perpustakaan/<code:code>/hari-tutup/<int:pk>/hapus/",
        staff_views.closure_delete,
        name="staff-closure-delete",
    ),
    path("staf/hari-libur/", holiday_views.holidays, name="holidays"),
    path("staf/hari-libur/<int:pk>/", holiday_views.holiday_edit, name="holiday-edit"),
    path("staf/hari-libur/<int:pk>/hapus/", holiday_views.holiday_delete, name="holiday-delete"),
]

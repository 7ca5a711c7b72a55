from django.urls import path, re_path

from simpul.catalog import staff_views, views

app_name = "catalog"

urlpatterns = [
    path("katalog/", views.search, name="search"),
    path("katalog/saran/", views.suggest, name="suggest"),
    path("katalog/lanjutan/", views.advanced, name="advanced"),
    path("katalog/terbaru/", views.new_arrivals, name="new-arrivals"),
    path("katalog/subjek/", views.browse_subjects, name="subjects"),
    path("katalog/ddc/", views.browse_ddc, name="ddc"),
    re_path(r"^katalog/ddc/(?P<digit>[0-9])/$", views.browse_ddc, name="ddc-class"),
    path("katalog/ekspor.<str:fmt>", views.export, name="export"),
    path("katalog/<int:pk>/", views.record_detail, name="record"),
    path("katalog/<int:pk>/kutipan.ris", views.record_ris, name="record-ris"),
    path("katalog/<int:pk>/kutipan.bib", views.record_bibtex, name="record-bibtex"),
    path("media/covers/<path:path>", views.cover_file, name="cover-file"),
    path("staf/perpustakaan/<code:code>/impor/", staff_views.import_start, name="import"),
    path("staf/perpustakaan/<code:code>/label.pdf", staff_views.labels, name="labels"),
    path("staf/impor/<int:pk>/", staff_views.import_status, name="import-status"),
    path("staf/impor/<int:pk>/laporan.csv", staff_views.import_report, name="import-report"),
    path("staf/katalog/baru/", staff_views.record_new, name="record-new"),
    path("staf/katalog/<int:pk>/ubah/", staff_views.record_edit, name="record-edit"),
    path("staf/katalog/<int:pk>/hapus/", staff_views.record_delete, name="record-delete"),
    path("staf/katalog/<int:pk>/marc/", staff_views.record_marc, name="record-marc"),
    path("staf/katalog/<int:pk>/eksemplar/", staff_views.record_items, name="record-items"),
    path("staf/eksemplar/<int:pk>/status/", staff_views.item_status, name="item-status"),
]

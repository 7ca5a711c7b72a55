"""Routes of the union catalog: SLiMS's UCS endpoint under /ucs/, staff under /staf/."""

from django.urls import URLPattern, URLResolver, path

from simpul.network.union import views

app_name = "union"

STAFF = "staf/katalog-induk/"

urlpatterns: list[URLPattern | URLResolver] = [
    # SLiMS posts to <server address>/ucs.php (UCS 3+) or /ucpoll.php (older servers).
    path("ucs/ucs.php", views.ucs, name="ucs"),
    path("ucs/ucpoll.php", views.ucs, name="ucs-poll"),
    path(STAFF, views.overview, name="overview"),
    path(STAFF + "sumber/baru/", views.source_new, name="source-new"),
    path(STAFF + "sumber/<int:pk>/", views.source_page, name="source"),
    path(STAFF + "sumber/<int:pk>/ubah/", views.source_edit, name="source-edit"),
    path(STAFF + "sumber/<int:pk>/panen/", views.source_harvest, name="source-harvest"),
    path(STAFF + "tinjauan/", views.review_list, name="reviews"),
    path(STAFF + "tinjauan/<int:pk>/", views.review_decide, name="review-decide"),
    path(STAFF + "perpustakaan/<str:code>/", views.contributions, name="contributions"),
    path(STAFF + "perpustakaan/<str:code>/slims/", views.slims_node, name="slims"),
    path(STAFF + "perpustakaan/<str:code>/unggah/", views.contributions_upload, name="upload"),
    path(STAFF + "kontribusi/<int:pk>/pisahkan/", views.contribution_unmerge, name="unmerge"),
]

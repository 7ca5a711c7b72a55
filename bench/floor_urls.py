"""Simpul's URLs plus one staff view that does nothing (`bench/request_floor.py`). Its cost over
HTTP is the floor under every desk request: the session, the signed-in user, CSRF and the
permission check, and no work."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from simpul.libraries.access import StaffRequest, get_library_for_staff, staff_required
from simpul.urls import urlpatterns as simpul_urls


@require_POST
@staff_required
def floor(request: StaffRequest, code: str) -> HttpResponse:
    get_library_for_staff(request, code, "circulation.desk")
    return HttpResponse('<li class="desk-line">ok</li>')


urlpatterns = [path("lantai/<str:code>/", floor), *simpul_urls]

"""The public shell: home, about, and where a login lands."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from simpul.libraries.access import is_staff_member
from simpul.libraries.models import Library
from simpul.libraries.services import statuses_now


def home(request: HttpRequest) -> HttpResponse:
    libraries = list(Library.objects.public())
    statuses = statuses_now(libraries)
    open_now = [library for library in libraries if statuses[library.pk].is_open]
    return render(
        request,
        "web/home.html",
        {"library_count": len(libraries), "open_now": open_now},
    )


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html")


@login_required
def after_login(request: HttpRequest) -> HttpResponse:
    """Staff land in their workspace, members in their own area."""
    if is_staff_member(request.user):
        return redirect("libraries:staff-home")
    return redirect("accounts:home")

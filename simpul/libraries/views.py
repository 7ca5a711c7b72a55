"""Public pages: the directory of the network's libraries and one library's page."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from simpul.libraries.forms import DirectoryFilterForm
from simpul.libraries.models import Closure, Library
from simpul.libraries.services import statuses_now, weekly_table

UPCOMING_DAYS = 60


def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    libraries = Library.objects.public()
    if form.is_valid():
        if kind := form.cleaned_data["jenis"]:
            libraries = libraries.filter(kind=kind)
        if words := form.cleaned_data["q"].strip():
            libraries = libraries.filter(
                Q(name__icontains=words)
                | Q(address__icontains=words)
                | Q(district__icontains=words)
            )
    found = list(libraries)
    statuses = statuses_now(found)
    context = {
        "form": form,
        "entries": [(library, statuses[library.pk]) for library in found],
        "now": timezone.localtime(),
    }
    template = "libraries/_directory_list.html" if request.htmx else "libraries/directory.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def library_detail(request: HttpRequest, code: str) -> HttpResponse:
    library = get_object_or_404(Library.objects.public(), code=code)
    today = timezone.localdate()
    closures = Closure.objects.affecting(library).filter(
        date__gte=today, date__lte=today + timedelta(days=UPCOMING_DAYS)
    )
    return render(
        request,
        "libraries/detail.html",
        {
            "library": library,
            "status": statuses_now([library])[library.pk],
            "week": weekly_table(library),
            "closures": closures,
            "upcoming_days": UPCOMING_DAYS,
        },
    )

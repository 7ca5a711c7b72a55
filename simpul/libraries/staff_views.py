"""The staff workspace for libraries: home, a library's page, its data, hours and closures."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul.lib.errors import SimpulError
from simpul.libraries import services
from simpul.libraries.access import (
    StaffRequest,
    can,
    get_library_for_staff,
    staff_libraries,
    staff_required,
)
from simpul.libraries.forms import ClosureForm, LibraryForm, NewLibraryForm, OpeningHoursForm
from simpul.libraries.hours import sessions_by_weekday
from simpul.libraries.models import Closure, StaffRole


@staff_required
def staff_home(request: StaffRequest) -> HttpResponse:
    libraries = list(staff_libraries(request.user))
    statuses = services.statuses_now(libraries)
    roles = StaffRole.objects.filter(user=request.user).select_related("library")
    return render(
        request,
        "libraries/staff/home.html",
        {
            "entries": [(library, statuses[library.pk]) for library in libraries],
            "roles": roles,
            "can_create": can(request.user, "library.create"),
            "can_holidays": can(request.user, "holidays.change"),
            "now": timezone.localtime(),
        },
    )


@staff_required
def library_page(request: StaffRequest, code: str) -> HttpResponse:
    library = get_library_for_staff(request, code, "library.view")
    today = timezone.localdate()
    user = request.user
    return render(
        request,
        "libraries/staff/library.html",
        {
            "library": library,
            "status": services.statuses_now([library])[library.pk],
            "week": services.weekly_table(library),
            "closures": Closure.objects.affecting(library).filter(
                date__gte=today, date__lte=today + timedelta(days=60)
            ),
            "can_change": can(user, "library.change", library),
            "can_catalog": can(user, "catalog.edit", library),
            "can_desk": can(user, "circulation.desk", library),
            "can_members": can(user, "members.manage", library),
            "staff": (
                library.staff_roles.select_related("user").order_by("user__username", "role")
                if can(user, "staff.view", library)
                else None
            ),
        },
    )


@staff_required
def library_edit(request: StaffRequest, code: str) -> HttpResponse:
    library = get_library_for_staff(request, code, "library.change")
    form = LibraryForm(request.POST or None, instance=library)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Data {name} sudah disimpan.").format(name=library.name))
        return redirect("libraries:staff-library", code=library.code)
    return render(request, "libraries/staff/edit.html", {"library": library, "form": form})


@staff_required
def library_new(request: StaffRequest) -> HttpResponse:
    if not can(request.user, "library.create"):
        return render(request, "403.html", status=403)
    form = NewLibraryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        library = form.save()
        messages.success(request, _("{name} sudah ditambahkan.").format(name=library.name))
        return redirect("libraries:staff-hours", code=library.code)
    return render(request, "libraries/staff/edit.html", {"library": None, "form": form})


@staff_required
def library_hours(request: StaffRequest, code: str) -> HttpResponse:
    library = get_library_for_staff(request, code, "library.change")
    week = sessions_by_weekday(library.opening_hours.values_list("weekday", "opens", "closes"))
    form = OpeningHoursForm(request.POST or None, week=week)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_opening_hours(library, form.cleaned_data["week"])
        except SimpulError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Jam buka {name} sudah disimpan.").format(name=library.name)
            )
            return redirect("libraries:staff-library", code=library.code)
    return render(request, "libraries/staff/hours.html", {"library": library, "form": form})


@staff_required
def library_closures(request: StaffRequest, code: str) -> HttpResponse:
    library = get_library_for_staff(request, code, "library.change")
    form = ClosureForm(request.POST or None, local=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_closure(library, data["date"], data["name"], data["kind"], data["note"])
        except SimpulError as error:
            form.add_error("date", error.message)
        else:
            messages.success(request, _("Hari tutup sudah ditambahkan."))
            if not request.htmx:  # type: ignore[attr-defined]
                return redirect("libraries:staff-closures", code=library.code)
            form = ClosureForm(local=True)
    closures = library.closures.filter(date__gte=timezone.localdate() - timedelta(days=30))
    template = (
        "libraries/staff/_closures.html"
        if request.htmx  # type: ignore[attr-defined]
        else "libraries/staff/closures.html"
    )
    return render(request, template, {"library": library, "form": form, "closures": closures})


@require_POST
@staff_required
def closure_delete(request: StaffRequest, code: str, pk: int) -> HttpResponse:
    library = get_library_for_staff(request, code, "library.change")
    closure = get_object_or_404(Closure, pk=pk, library=library)
    services.remove_closure(closure)
    messages.success(request, _("Hari tutup {date} sudah dihapus.").format(date=closure.date))
    return redirect("libraries:staff-closures", code=library.code)

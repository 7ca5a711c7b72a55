"""National holidays: network-wide closures that only network administrators edit."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul.lib.errors import SimpulError
from simpul.libraries import services
from simpul.libraries.access import StaffRequest, can, staff_required
from simpul.libraries.forms import ClosureForm
from simpul.libraries.models import Closure


def _require_holiday_editor(request: StaffRequest) -> None:
    if not can(request.user, "holidays.change"):
        raise PermissionDenied(_("Hanya administrator jaringan yang mengubah hari libur nasional."))


@staff_required
def holidays(request: StaffRequest) -> HttpResponse:
    _require_holiday_editor(request)
    form = ClosureForm(request.POST or None, local=False)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_closure(None, data["date"], data["name"], data["kind"], data["note"])
        except SimpulError as error:
            form.add_error("date", error.message)
        else:
            messages.success(request, _("Hari libur sudah ditambahkan."))
            return redirect("libraries:holidays")
    rows = Closure.objects.filter(library__isnull=True).order_by("date")
    years = [(year, list(items)) for year, items in groupby(rows, key=lambda c: c.date.year)]
    return render(request, "libraries/staff/holidays.html", {"form": form, "years": years})


@staff_required
def holiday_edit(request: StaffRequest, pk: int) -> HttpResponse:
    _require_holiday_editor(request)
    holiday = get_object_or_404(Closure, pk=pk, library__isnull=True)
    initial = {
        "date": holiday.date,
        "name": holiday.name,
        "kind": holiday.kind,
        "note": holiday.note,
    }
    form = ClosureForm(request.POST or None, initial=initial, local=False)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_closure(
                holiday, day=data["date"], name=data["name"], kind=data["kind"], note=data["note"]
            )
        except SimpulError as error:
            form.add_error("date", error.message)
        else:
            messages.success(request, _("Hari libur sudah diperbarui."))
            return redirect("libraries:holidays")
    return render(request, "libraries/staff/holiday_edit.html", {"form": form, "holiday": holiday})


@require_POST
@staff_required
def holiday_delete(request: StaffRequest, pk: int) -> HttpResponse:
    _require_holiday_editor(request)
    holiday = get_object_or_404(Closure, pk=pk, library__isnull=True)
    services.remove_closure(holiday)
    messages.success(request, _("Hari libur {name} sudah dihapus.").format(name=holiday.name))
    return redirect("libraries:holidays")

"""Staff screens of the catalog: imports, cataloguing forms, the MARC editor, items, labels."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul.catalog import services
from simpul.catalog.access import (
    can_delete,
    editable_libraries,
    get_import_for_staff,
    get_record_for_deletion,
    get_record_for_staff,
)
from simpul.catalog.choices import ImportStatus, ItemStatus
from simpul.catalog.forms import ImportForm, ItemForm, MarcEditorForm, SimpleRecordForm
from simpul.catalog.imports import report_csv, start_import
from simpul.catalog.labels import labels_pdf
from simpul.catalog.marc.isbn import normalize_isbn
from simpul.catalog.marc.writer import simple_from_record
from simpul.catalog.marc_text import MarcTextError, from_text, to_text
from simpul.catalog.models import ImportJob, Item, Record
from simpul.catalog.records import marc_record
from simpul.lib.errors import SimpulError
from simpul.libraries.access import StaffRequest, get_library_for_staff, staff_required


@staff_required
def import_start(request: StaffRequest, code: str) -> HttpResponse:
    library = get_library_for_staff(request, code, "catalog.import")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = start_import(data["file"], library, request.user, data["format"], data["encoding"])
        return redirect("catalog:import-status", pk=job.pk)
    jobs = ImportJob.objects.filter(library=library)[:10]
    return render(
        request, "catalog/staff/import.html", {"library": library, "form": form, "jobs": jobs}
    )


@staff_required
def import_status(request: StaffRequest, pk: int) -> HttpResponse:
    job = get_import_for_staff(request, pk)
    running = job.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)
    context = {"job": job, "running": running, "problems": job.problems[:200]}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "catalog/staff/_import_progress.html", context)
    return render(request, "catalog/staff/import_status.html", context)


@staff_required
def import_report(request: StaffRequest, pk: int) -> StreamingHttpResponse:
    job = get_import_for_staff(request, pk)
    response = StreamingHttpResponse(report_csv(job), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="laporan-impor-{job.pk}.csv"'
    return response


def _duplicates(form: SimpleRecordForm, exclude: int | None = None) -> list[Record]:
    """Records that may be the same book: same ISBN, or same title and main author."""
    data = form.cleaned_data
    found = Record.objects.none()
    if isbn := normalize_isbn(data.get("isbn") or ""):
        found = found | Record.objects.filter(isbn=isbn)
    if authors := form.author_list():
        found = found | Record.objects.filter(
            title__iexact=data["title"], authors__icontains=authors[0]
        )
    if exclude is not None:
        found = found.exclude(pk=exclude)
    return list(found.defer("marc")[:5])


@staff_required
def record_new(request: StaffRequest) -> HttpResponse:
    libraries = editable_libraries(request)
    library = (
        libraries.filter(code=request.GET.get("perpustakaan", "")).first() or libraries.first()
    )
    if library is None:
        return render(request, "403.html", status=403)
    form = SimpleRecordForm(request.POST or None, request.FILES or None)
    duplicates: list[Record] = []
    if request.method == "POST" and form.is_valid():
        duplicates = _duplicates(form)
        if not duplicates or request.POST.get("confirm_duplicate"):
            record = services.create_record(form.simple_record(), library)
            _save_cover(record, form)
            messages.success(request, _("Rekaman sudah disimpan. Tambahkan eksemplarnya."))
            return redirect("catalog:record-items", pk=record.pk)
    return render(
        request,
        "catalog/staff/record_form.html",
        {"form": form, "duplicates": duplicates, "library": library, "record": None},
    )


@staff_required
def record_edit(request: StaffRequest, pk: int) -> HttpResponse:
    record = get_record_for_staff(request, pk)
    initial = simple_from_record(marc_record(record))
    form = SimpleRecordForm(
        request.POST or None,
        request.FILES or None,
        initial={
            **initial.__dict__,
            "authors": "\n".join(initial.authors),
            "subjects": "\n".join(initial.subjects),
        },
    )
    duplicates: list[Record] = []
    if request.method == "POST" and form.is_valid():
        duplicates = _duplicates(form, exclude=record.pk)
        if not duplicates or request.POST.get("confirm_duplicate"):
            services.update_record(record, form.simple_record())
            _save_cover(record, form)
            messages.success(request, _("Rekaman sudah diperbarui."))
            return redirect("catalog:record", pk=record.pk)
    return render(
        request,
        "catalog/staff/record_form.html",
        {
            "form": form,
            "duplicates": duplicates,
            "record": record,
            "library": record.library,
            "can_delete": can_delete(request.user, record),
        },
    )


def _save_cover(record: Record, form: SimpleRecordForm) -> None:
    if images := form.cleaned_data.get("cover"):
        services.set_cover(record, images)


@staff_required
def record_delete(request: StaffRequest, pk: int) -> HttpResponse:
    """A confirmation page; the POST deletes (or explains which copies are still in use)."""
    record = get_record_for_deletion(request, pk)
    error = ""
    if request.method == "POST":
        library = record.library
        try:
            services.delete_record(record, by=request.user)
        except SimpulError as refusal:
            error = refusal.message
        else:
            messages.success(
                request, _("Rekaman “{title}” sudah dihapus.").format(title=record.title)
            )
            if library is not None:
                return redirect("libraries:staff-library", code=library.code)
            return redirect("libraries:staff-home")
    items = list(Item.objects.filter(record=record).select_related("library").order_by("barcode"))
    blocking = [item for item in items if item.status not in services.DELETABLE_WITH_RECORD]
    return render(
        request,
        "catalog/staff/record_delete.html",
        {"record": record, "items": items, "blocking": blocking, "error": error},
        status=409 if error else 200,
    )


@staff_required
def record_marc(request: StaffRequest, pk: int) -> HttpResponse:
    record = get_record_for_staff(request, pk)
    leader, text = to_text(marc_record(record))
    form = MarcEditorForm(request.POST or None, initial={"leader": leader, "marc_fields": text})
    if request.method == "POST" and form.is_valid():
        try:
            marc = from_text(form.cleaned_data["leader"], form.cleaned_data["marc_fields"])
        except MarcTextError as error:
            form.add_error("marc_fields", error.message)
        else:
            services.save_marc(record, marc)
            messages.success(request, _("Rekaman MARC sudah disimpan."))
            return redirect("catalog:record", pk=record.pk)
    return render(request, "catalog/staff/marc.html", {"form": form, "record": record})


@staff_required
def record_items(request: StaffRequest, pk: int) -> HttpResponse:
    record = get_record_for_staff(request, pk)
    libraries = editable_libraries(request)
    form = ItemForm(
        request.POST or None, libraries=libraries, initial={"library": libraries.first()}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        library = data.pop("library")
        try:
            services.add_item(record, library, **data)
        except SimpulError as error:
            form.add_error("barcode", error.message)
        else:
            messages.success(
                request, _("Eksemplar {barcode} sudah ditambahkan.").format(barcode=data["barcode"])
            )
            return redirect("catalog:record-items", pk=record.pk)
    items = (
        Item.objects.filter(record=record)
        .select_related("library")
        .order_by("library__name", "barcode")
    )
    editable = set(libraries.values_list("pk", flat=True))
    statuses = [(status.value, status.label) for status in CATALOGUER_STATUSES]
    return render(
        request,
        "catalog/staff/items.html",
        {
            "record": record,
            "form": form,
            "items": items,
            "editable": editable,
            "statuses": statuses,
        },
    )


# What a cataloguer may set by hand; loans, returns and holds move the other statuses.
CATALOGUER_STATUSES = (
    ItemStatus.AVAILABLE,
    ItemStatus.DAMAGED,
    ItemStatus.LOST,
    ItemStatus.WITHDRAWN,
)


@staff_required
@require_POST
def item_status(request: StaffRequest, pk: int) -> HttpResponse:
    """Withdraw a copy, or mark it damaged, lost or back on the shelf, with a reason."""
    item = get_object_or_404(Item.objects.select_related("library"), pk=pk)
    get_library_for_staff(request, item.library.code, "catalog.edit")
    new = request.POST.get("status", "")
    reason = request.POST.get("reason", "").strip()[:300]
    if new not in CATALOGUER_STATUSES:
        messages.error(request, _("Status ini tidak dapat dipilih di sini."))
    else:
        try:
            services.set_item_status(item, new, by=request.user, reason=reason)
        except SimpulError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Status eksemplar {barcode} kini: {status}.").format(
                    barcode=item.barcode, status=ItemStatus(new).label
                ),
            )
    return redirect("catalog:record-items", pk=item.record_id)


@staff_required
def labels(request: StaffRequest, code: str) -> HttpResponse:
    """Spine and barcode labels for one record's copies (?rekaman=), a list of barcodes
    (?barkode=a,b), or everything added since a date (?sejak=YYYY-MM-DD)."""
    library = get_library_for_staff(request, code, "catalog.edit")
    items = (
        Item.objects.filter(library=library)
        .select_related("record")
        .order_by("call_number", "barcode")
    )
    params = request.GET
    if record_id := params.get("rekaman", ""):
        items = items.filter(record_id=int(record_id)) if record_id.isdigit() else items.none()
    elif barcodes := [b.strip() for b in params.get("barkode", "").split(",") if b.strip()]:
        items = items.filter(barcode__in=barcodes[:500])
    elif since := parse_date_or_none(params.get("sejak", "")):
        items = items.filter(created_at__date__gte=since)
    else:
        return HttpResponse(
            _("Pilih eksemplar: ?rekaman=, ?barkode= atau ?sejak=TTTT-BB-HH."), status=400
        )
    chosen = list(items[:600])
    if not chosen:
        return HttpResponse(_("Tidak ada eksemplar yang cocok untuk dicetak."), status=404)
    response = HttpResponse(
        labels_pdf(chosen, library_name=library.name), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="label-{library.code}.pdf"'
    return response


def parse_date_or_none(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None

"""The staff screens for partners and agreements: lists with filters, partner and contact
forms, agreement forms with the signed document, status changes. Every view starts with the
fetch-and-authorize helpers of access.py; every change goes through services.py."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul.lib.errors import SimpulError
from simpul.libraries.access import StaffRequest, can, staff_libraries, staff_required
from simpul.libraries.choices import LibraryKind
from simpul.libraries.models import Library, LibraryQuerySet
from simpul.network import services
from simpul.network.access import (
    MANAGE,
    agreements_for_staff,
    get_agreement_for_staff,
    get_partner_for_staff,
    network_wide,
    partners_for_staff,
    require,
)
from simpul.network.choices import AgreementStatus
from simpul.network.errors import (
    AgreementDates,
    AgreementWithoutPartner,
    DocumentTooLarge,
    DuplicateAgreementNumber,
    NotAPdf,
)
from simpul.network.forms import (
    AgreementFilterForm,
    AgreementForm,
    ContactForm,
    PartnerFilterForm,
    PartnerForm,
    StatusForm,
)
from simpul.network.models import Agreement, Partner

EXPIRING_DAYS = 90
ERROR_FIELDS: dict[type[SimpulError], str] = {
    DuplicateAgreementNumber: "number",
    AgreementDates: "ends_on",
    AgreementWithoutPartner: "partners",
    NotAPdf: "document",
    DocumentTooLarge: "document",
}
T = "network/partners/"


# Partners ----------------------------------------------------------------------------------


@staff_required
def partner_list(request: StaffRequest) -> HttpResponse:
    require(request, "partners.view")
    form = PartnerFilterForm(request.GET or None)
    partners = partners_for_staff(request).annotate(
        agreement_count=Count("parties", distinct=True),
        active_count=Count(
            "parties", filter=Q(parties__agreement__status=AgreementStatus.ACTIVE), distinct=True
        ),
    )
    if form.is_valid():
        if kind := form.cleaned_data["kind"]:
            partners = partners.filter(kind=kind)
        if query := form.cleaned_data["q"].strip():
            partners = partners.filter(Q(name__icontains=query) | Q(city__icontains=query))
    return render(
        request,
        T + "staff_list.html",
        {
            "form": form,
            "partners": partners.prefetch_related("libraries").order_by("name"),
            "can_manage": can(request.user, MANAGE),
        },
    )


def _libraries_and_link(request: StaffRequest) -> tuple[LibraryQuerySet, bool]:
    """The libraries this person may link partners to, and whether they must pick one (a
    library administrator would otherwise lose sight of the partner they made)."""
    return staff_libraries(request.user, MANAGE), not network_wide(request, MANAGE)


@staff_required
def partner_new(request: StaffRequest) -> HttpResponse:
    require(request, MANAGE)
    libraries, must_link = _libraries_and_link(request)
    form = PartnerForm(request.POST or None, libraries=libraries, must_link=must_link)
    if request.method == "POST" and form.is_valid():
        partner = services.create_partner(
            form.partner_fields(),
            libraries=form.cleaned_data["libraries"],
            token=form.cleaned_data["token"],
        )
        messages.success(request, _("Mitra {name} tersimpan.").format(name=partner.name))
        return redirect("partners:staff-partner", slug=partner.slug)
    return render(request, T + "partner_form.html", {"form": form, "partner": None})


@staff_required
def partner_page(request: StaffRequest, slug: str) -> HttpResponse:
    partner = get_partner_for_staff(request, slug)
    agreements = (
        agreements_for_staff(request)
        .filter(parties__partner=partner)
        .select_related("library", "responsible")
        .prefetch_related("partners")
        .order_by("-starts_on", "-pk")
    )
    return render(
        request,
        T + "staff_partner.html",
        {
            "partner": partner,
            "contacts": partner.contacts.all(),
            "libraries": partner.libraries.all(),
            "agreements": agreements,
            "can_manage": partners_for_staff(request, MANAGE).filter(pk=partner.pk).exists(),
            "today": timezone.localdate(),
            "soon": timezone.localdate() + timedelta(days=EXPIRING_DAYS),
        },
    )


@staff_required
def partner_edit(request: StaffRequest, slug: str) -> HttpResponse:
    partner = get_partner_for_staff(request, slug, MANAGE)
    libraries, must_link = _libraries_and_link(request)
    copy = Partner.objects.get(pk=partner.pk)
    form = PartnerForm(
        request.POST or None, instance=copy, libraries=libraries, must_link=must_link
    )
    if request.method == "POST" and form.is_valid():
        # Links to libraries outside this person's scope are kept as they were.
        kept = list(partner.libraries.exclude(pk__in=libraries.values("pk")))
        services.change_partner(
            partner, form.partner_fields(), libraries=[*kept, *form.cleaned_data["libraries"]]
        )
        messages.success(request, _("Data mitra {name} tersimpan.").format(name=partner.name))
        return redirect("partners:staff-partner", slug=partner.slug)
    return render(request, T + "partner_form.html", {"form": form, "partner": partner})


@staff_required
def contact_new(request: StaffRequest, slug: str) -> HttpResponse:
    partner = get_partner_for_staff(request, slug, MANAGE)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = services.add_contact(partner, form.contact_fields())
        messages.success(request, _("Kontak {name} tersimpan.").format(name=contact.name))
        return redirect("partners:staff-partner", slug=partner.slug)
    return render(request, T + "contact_form.html", {"form": form, "partner": partner})


@staff_required
def contact_edit(request: StaffRequest, slug: str, pk: int) -> HttpResponse:
    partner = get_partner_for_staff(request, slug, MANAGE)
    contact = get_object_or_404(partner.contacts, pk=pk)
    form = ContactForm(request.POST or None, instance=partner.contacts.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        services.change_contact(contact, form.contact_fields())
        messages.success(request, _("Kontak {name} tersimpan.").format(name=contact.name))
        return redirect("partners:staff-partner", slug=partner.slug)
    return render(
        request, T + "contact_form.html", {"form": form, "partner": partner, "contact": contact}
    )


@require_POST
@staff_required
def contact_delete(request: StaffRequest, slug: str, pk: int) -> HttpResponse:
    partner = get_partner_for_staff(request, slug, MANAGE)
    contact = partner.contacts.filter(pk=pk).first()
    if contact is not None:  # a second click finds it gone: nothing more to do
        services.remove_contact(contact)
        messages.success(request, _("Kontak {name} dihapus.").format(name=contact.name))
    return redirect("partners:staff-partner", slug=partner.slug)


# Agreements --------------------------------------------------------------------------------


@staff_required
def agreement_list(request: StaffRequest) -> HttpResponse:
    require(request, "partners.view")
    form = AgreementFilterForm(request.GET or None)
    today = timezone.localdate()
    agreements = agreements_for_staff(request)
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            agreements = agreements.filter(kind=data["kind"])
        if data["status"]:
            agreements = agreements.filter(status=data["status"])
        if data["expiring"]:
            agreements = agreements.expiring(today, EXPIRING_DAYS)
    return render(
        request,
        T + "agreement_list.html",
        {
            "form": form,
            "agreements": agreements.select_related("library", "responsible")
            .prefetch_related("partners")
            .order_by("ends_on", "pk"),
            "today": today,
            "soon": today + timedelta(days=EXPIRING_DAYS),
            "can_manage": can(request.user, MANAGE),
        },
    )


def _max_mb() -> str:
    return services.megabytes(settings.AGREEMENT_MAX_UPLOAD)


def _agreement_form(request: StaffRequest, instance: Agreement, **initial: Any) -> AgreementForm:
    """The form offers the partners and libraries this person manages; an agreement being
    edited keeps its signing library on offer even when it is outside their scope."""
    libraries = staff_libraries(request.user, MANAGE)
    if instance.pk:
        libraries = libraries | Library.objects.filter(pk=instance.library_id)
    return AgreementForm(
        request.POST or None,
        request.FILES or None,
        instance=instance,
        initial=initial,
        partners=partners_for_staff(request, MANAGE),
        libraries=libraries,
        max_mb=_max_mb(),
        others=bool(instance.pk) and _others(request, instance).exists(),
    )


def _others(request: StaffRequest, agreement: Agreement) -> QuerySet[Partner]:
    """The agreement's partners outside this person's scope: kept as they are on saving."""
    return agreement.partners.exclude(pk__in=partners_for_staff(request, MANAGE).values("pk"))


def _put_error(form: AgreementForm, error: SimpulError) -> None:
    form.add_error(ERROR_FIELDS.get(type(error)), error.message)


@staff_required
def agreement_new(request: StaffRequest) -> HttpResponse:
    require(request, MANAGE)
    initial: dict[str, Any] = {"responsible": request.user.pk}
    if slug := request.GET.get("mitra"):
        initial["partners"] = list(partners_for_staff(request, MANAGE).filter(slug=slug))
    # The city library signs most agreements; a library administrator's own library otherwise.
    libraries = staff_libraries(request.user, MANAGE).order_by("name")
    if library := libraries.filter(kind=LibraryKind.CITY).first() or libraries.first():
        initial["library"] = library
    form = _agreement_form(request, Agreement(), **initial)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.create_agreement(
                form.agreement_fields(),
                partners=form.cleaned_data["partners"],
                by=request.user,
                document=form.cleaned_data["document"],
                token=form.cleaned_data["token"],
            )
        except tuple(ERROR_FIELDS) as error:
            _put_error(form, error)
        else:
            messages.success(
                request, _("Perjanjian {number} tersimpan.").format(number=agreement.number)
            )
            return redirect("partners:agreement", pk=agreement.pk)
    return render(request, T + "agreement_form.html", {"form": form, "agreement": None})


@staff_required
def agreement_page(request: StaffRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for_staff(request, pk)
    can_manage = agreements_for_staff(request, MANAGE).filter(pk=pk).exists()
    return render(
        request,
        T + "agreement.html",
        {
            "agreement": agreement,
            "partners": agreement.partners.all(),
            "history": agreement.status_changes.select_related("by"),
            "reminders": agreement.reminders.all()[:10],
            "status_form": StatusForm(agreement=agreement) if can_manage else None,
            "can_manage": can_manage,
            "today": timezone.localdate(),
        },
    )


@staff_required
def agreement_edit(request: StaffRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for_staff(request, pk, MANAGE)
    form = _agreement_form(request, Agreement.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.change_agreement(
                agreement,
                form.agreement_fields(),
                partners=[*_others(request, agreement), *form.cleaned_data["partners"]],
                document=form.cleaned_data["document"],
            )
        except tuple(ERROR_FIELDS) as error:
            _put_error(form, error)
        else:
            messages.success(
                request, _("Perjanjian {number} tersimpan.").format(number=agreement.number)
            )
            return redirect("partners:agreement", pk=agreement.pk)
    return render(request, T + "agreement_form.html", {"form": form, "agreement": agreement})


@require_POST
@staff_required
def agreement_status(request: StaffRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for_staff(request, pk, MANAGE)
    form = StatusForm(request.POST, agreement=agreement)
    if not form.is_valid():
        if form.data.get("expected") != agreement.status:
            messages.error(
                request,
                _(
                    "Status perjanjian {number} sudah “{status}”: mungkin formulirnya "
                    "terkirim dua kali."
                ).format(number=agreement.number, status=agreement.get_status_display()),
            )
        else:
            messages.error(request, _("Pilih status baru dari daftar."))
        return redirect("partners:agreement", pk=pk)
    try:
        services.set_status(
            agreement,
            form.cleaned_data["status"],
            by=request.user,
            note=form.cleaned_data["note"],
            expected=form.cleaned_data["expected"],
        )
    except SimpulError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Status perjanjian {number} sekarang “{status}”.").format(
                number=agreement.number, status=agreement.get_status_display()
            ),
        )
    return redirect("partners:agreement", pk=pk)


@staff_required
def agreement_document(request: StaffRequest, pk: int) -> FileResponse:
    """The signed PDF, for staff who may see the agreement; never a public media URL."""
    agreement = get_agreement_for_staff(request, pk)
    if not agreement.document:
        raise Http404(_("Perjanjian ini belum punya dokumen."))
    response = FileResponse(
        agreement.document.open("rb"),
        content_type="application/pdf",
        filename=agreement.document_name or f"perjanjian-{agreement.pk}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response

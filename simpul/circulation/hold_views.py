"""Holds over HTTP: placing one from the OPAC, cancelling one, and the staff pull list."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import Item, Record
from simpul.circulation import holds
from simpul.circulation.choices import HoldStatus
from simpul.circulation.hold_lists import hold_shelf, incoming, pull_list, queue_position
from simpul.circulation.member_views import AccountRequest
from simpul.circulation.models import Hold
from simpul.lib.errors import SimpulError
from simpul.libraries.access import StaffRequest, get_library_for_staff, staff_required
from simpul.libraries.models import Library
from simpul.members.access import own_member
from simpul.members.models import Member

DESK = "circulation.desk"


class PickupForm(forms.Form):
    pickup = forms.ModelChoiceField(
        queryset=Library.objects.none(),
        label=gettext_lazy("Ambil di"),
        empty_label=None,
    )

    def __init__(self, member: Member, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["pickup"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = holds.pickup_libraries(member)
        field.initial = member.home_library_id


def place(request: AccountRequest, pk: int) -> HttpResponseBase:
    """GET: the pickup form on a page of its own; POST: put the member in the queue."""
    record = get_object_or_404(Record.objects.defer("marc"), pk=pk)
    record_url = reverse("catalog:record", args=[record.pk])
    if not request.user.is_authenticated:
        return redirect_to_login(record_url)
    member = own_member(request.user)
    if member is None:
        messages.error(request, _("Akun Anda belum terhubung dengan keanggotaan perpustakaan."))
        return redirect(record_url)
    form = PickupForm(member, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hold = holds.place_hold(record, member, form.cleaned_data["pickup"], by=request.user)
        except SimpulError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _placed_message(hold))
        return redirect(record_url)
    return render(request, "circulation/holds/place.html", {"record": record, "form": form})


def _placed_message(hold: Hold) -> str:
    return _(
        "Pesanan dicatat: Anda urutan ke-{position} di antrean. Kami kirim e-mail ketika "
        "bukunya siap diambil di {library}."
    ).format(position=queue_position(hold), library=hold.pickup_library.name)


@login_required
@require_POST
def cancel(request: AccountRequest, pk: int) -> HttpResponse:
    hold = _own_hold(request, pk)
    try:
        holds.cancel_hold(hold, by=request.user)
    except SimpulError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Reservasi “{title}” dibatalkan.").format(title=hold.record.title)
        )
    return redirect("member_circulation:loans")


def _own_hold(request: AccountRequest, pk: int) -> Hold:
    """The signed-in member's hold ``pk``; 404 for anyone else's."""
    member = own_member(request.user)
    hold = (
        Hold.objects.filter(pk=pk, member=member)
        .select_related("record", "pickup_library", "item__library")
        .first()
        if member is not None
        else None
    )
    if hold is None:
        raise Http404(_("Reservasi tidak ditemukan."))
    return hold


@staff_required
def pull_list_page(request: StaffRequest, code: str) -> HttpResponse:
    library = get_library_for_staff(request, code, DESK)
    return render(
        request,
        "circulation/holds/pull_list.html",
        {
            "library": library,
            "pulls": pull_list(library),
            "shelf": hold_shelf(library),
            "incoming": incoming(library),
        },
    )


@staff_required
@require_POST
def pull(request: StaffRequest, code: str) -> HttpResponse:
    """Set aside a copy from this library's shelf for the first hold it can fill."""
    library = get_library_for_staff(request, code, DESK)
    item = _item_on_shelf(library, request.POST.get("item", ""), request.POST.get("barcode", ""))
    if item is None:
        raise Http404(_("Eksemplar tidak ditemukan di perpustakaan ini."))
    if item.status != ItemStatus.AVAILABLE:
        messages.error(
            request,
            _("Eksemplar {barcode} tidak ada di rak ({status}).").format(
                barcode=item.barcode, status=item.get_status_display()
            ),
        )
        return redirect("member_circulation:pull-list", code=library.code)
    try:
        hold = holds.pull(item, library, by=request.user)
    except SimpulError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _pulled_message(item, hold))
    return redirect("member_circulation:pull-list", code=library.code)


def _item_on_shelf(library: Library, pk: str, barcode: str) -> Item | None:
    """The copy of ``library`` named by its id (a button) or its barcode (a scanner)."""
    items = Item.objects.filter(library=library).select_related("library", "record")
    if pk.isdigit():
        return items.filter(pk=int(pk)).first()
    return items.filter(barcode=barcode.strip()).first() if barcode.strip() else None


def _pulled_message(item: Item, hold: Hold | None) -> str:
    if hold is None:
        return _("Tidak ada lagi yang menunggu {barcode}; kembalikan ke rak.").format(
            barcode=item.barcode
        )
    if hold.status == HoldStatus.READY:
        return _(
            "{barcode} disisihkan untuk {name}: letakkan di rak pesanan (ambil sebelum {date})."
        ).format(
            barcode=item.barcode,
            name=hold.member.full_name,
            date=date_format(hold.ready_until, "j F Y") if hold.ready_until else "",
        )
    return _("{barcode} disisihkan untuk {name}: kirim ke {library}.").format(
        barcode=item.barcode, name=hold.member.full_name, library=hold.pickup_library.name
    )

"""The staff screens of interlibrary loan, under a library's staff pages: the requests it
asks for and supplies, one request with the buttons for its next step, and the dashboard."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul.lib.errors import SimpulError
from simpul.libraries.access import (
    StaffRequest,
    get_library_for_staff,
    is_network_admin,
    staff_required,
)
from simpul.libraries.models import Library
from simpul.network.ill import services, stats
from simpul.network.ill.access import get_request_for_staff, requests_of
from simpul.network.ill.choices import CLOSED, NOT_SHIPPED, OUT_ON_LOAN
from simpul.network.ill.models import IllRequest

LIST_LIMIT = 200


@staff_required
def request_list(request: StaffRequest, code: str) -> HttpResponse:
    library = get_library_for_staff(request, code, "ill.manage")
    rows = (
        requests_of(library)
        .select_related(
            "requester_library", "supplier_library", "requester_peer", "supplier_peer", "member"
        )
        .order_by("-updated_at", "-pk")[:LIST_LIMIT]
    )
    incoming = [r for r in rows if r.supplier_library_id == library.pk]
    outgoing = [r for r in rows if r.requester_library_id == library.pk]
    return render(
        request,
        "ill/staff/list.html",
        {"library": library, "incoming": incoming, "outgoing": outgoing},
    )


def next_steps(ill: IllRequest, library: Library) -> list[tuple[str, str]]:
    """The buttons this library may press now: (verb, label)."""
    steps: list[tuple[str, str]] = []
    if ill.status in CLOSED:
        return steps
    if ill.supplier_library_id == library.pk:
        if ill.status in NOT_SHIPPED:
            steps += [
                ("ship", _("Kirim eksemplar")),
                ("accept", _("Setujui")),
                ("decline", _("Tolak")),
            ]
        elif ill.status in OUT_ON_LOAN and (ill.returned_at or ill.is_local is False):
            steps.append(("checkin", _("Terima kembali (check-in)")))
    if ill.requester_library_id == library.pk:
        if ill.status in OUT_ON_LOAN and ill.received_at is None:
            steps.append(("receive", _("Terima kiriman")))
        if ill.status in OUT_ON_LOAN and ill.received_at and ill.returned_at is None:
            if ill.item_id is not None and ill.member_id is not None:
                steps.append(("lend", _("Pinjamkan ke anggota")))
            steps.append(("return", _("Kirim kembali ke pemilik")))
        if ill.status in NOT_SHIPPED:
            steps.append(("cancel", _("Batalkan")))
    return steps


@staff_required
def request_page(request: StaffRequest, code: str, pk: int) -> HttpResponse:
    library, ill = get_request_for_staff(request, code, pk)
    events = ill.events.select_related("by", "library", "peer")
    return render(
        request,
        "ill/staff/request.html",
        {"library": library, "ill": ill, "events": events, "steps": next_steps(ill, library)},
    )


VERBS: dict[str, Callable[..., object]] = {
    "accept": lambda ill, by, lib, form: services.accept(ill, by, lib),
    "decline": lambda ill, by, lib, form: services.decline(ill, by, lib, form.get("reason", "")),
    "ship": lambda ill, by, lib, form: services.ship(ill, by, lib, form.get("barcode", "")),
    "checkin": lambda ill, by, lib, form: services.check_in_return(ill, by, lib),
    "receive": lambda ill, by, lib, form: services.receive(ill, by, lib),
    "lend": lambda ill, by, lib, form: services.lend_to_member(ill, by, lib),
    "return": lambda ill, by, lib, form: services.ship_return(ill, by, lib),
    "cancel": lambda ill, by, lib, form: services.cancel(ill, by, lib),
}


@staff_required
@require_POST
def request_act(request: StaffRequest, code: str, pk: int, verb: str) -> HttpResponse:
    library, ill = get_request_for_staff(request, code, pk)
    allowed = dict(next_steps(ill, library))
    if verb not in VERBS or verb not in allowed:
        messages.error(request, _("Langkah itu tidak dapat dilakukan sekarang."))
    else:
        try:
            VERBS[verb](ill, request.user, library, request.POST)
        except SimpulError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("{step}: selesai.").format(step=allowed[verb]))
    return redirect("ill:staff-request", code=library.code, pk=ill.pk)


@staff_required
def dashboard(request: StaffRequest, code: str) -> HttpResponse:
    library = get_library_for_staff(request, code, "library.view")
    return render(
        request,
        "ill/staff/dashboard.html",
        {"library": library, "board": stats.dashboard(requests_of(library))},
    )


@staff_required
def network_dashboard(request: StaffRequest) -> HttpResponse:
    if not is_network_admin(request.user):
        messages.error(request, _("Dasbor jaringan hanya untuk administrator jaringan."))
        return redirect("libraries:staff-home")
    return render(
        request,
        "ill/staff/dashboard.html",
        {"library": None, "board": stats.dashboard(IllRequest.objects.all())},
    )

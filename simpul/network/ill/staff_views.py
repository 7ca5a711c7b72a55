"""The staff screens of interlibrary loan, under a library's staff pages: the requests it
asks for and supplies, one request with the buttons for its next step, and the dashboard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from simpul.lib.errors import SimpulError
from simpul.libraries.access import (
    StaffRequest,
    get_library_for_staff,
    is_network_admin,
    staff_required,
)
from simpul.libraries.models import Library
from simpul.network.ill import due_dates, errors, services, stats
from simpul.network.ill.access import get_request_for_staff, requests_of
from simpul.network.ill.choices import (
    CLOSED,
    NOT_SHIPPED,
    OUT_ON_LOAN,
    RENEWABLE,
    TRANSITIONS,
    IllStatus,
    Renewal,
)
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


# The lender's steps before shipping, each with the status it leads to (offered only when
# TRANSITIONS allows it from the current one).
SUPPLY_STEPS = (
    ("ship", gettext_lazy("Kirim eksemplar"), IllStatus.LOANED),
    ("accept", gettext_lazy("Setujui"), IllStatus.WILL_SUPPLY),
    ("expect", gettext_lazy("Setujui, kirim nanti"), IllStatus.EXPECT_TO_SUPPLY),
    ("retry", gettext_lazy("Belum bisa, boleh diajukan ulang"), IllStatus.RETRY_POSSIBLE),
    ("decline", gettext_lazy("Tolak"), IllStatus.UNFILLED),
)


def next_steps(ill: IllRequest, library: Library) -> list[tuple[str, str]]:
    """The buttons this library may press now: (verb, label)."""
    if ill.status in CLOSED:
        return []
    steps: list[tuple[str, str]] = []
    if ill.supplier_library_id == library.pk:
        steps += _lender_steps(ill)
    if ill.requester_library_id == library.pk:
        steps += _borrower_steps(ill)
    return steps


def _lender_steps(ill: IllRequest) -> list[tuple[str, str]]:
    if ill.status in NOT_SHIPPED:
        allowed = TRANSITIONS[ill.status]
        return [(verb, str(label)) for verb, label, to in SUPPLY_STEPS if to in allowed]
    steps: list[tuple[str, str]] = []
    if ill.returned_at or ill.is_local is False:
        steps.append(("checkin", _("Terima kembali (check-in)")))
    if ill.renewal == Renewal.REQUESTED:
        if ill.status in RENEWABLE:
            steps.append(("renew-yes", _("Setujui perpanjangan")))
        steps.append(("renew-no", _("Tolak perpanjangan")))
    if ill.status == IllStatus.LOANED and ill.returned_at is None:
        steps.append(("recall", _("Tarik kembali")))
    steps.append(("lost", _("Selesai tanpa pengembalian")))
    return steps


def _borrower_steps(ill: IllRequest) -> list[tuple[str, str]]:
    steps: list[tuple[str, str]] = []
    if ill.status in OUT_ON_LOAN and ill.received_at is None:
        steps.append(("receive", _("Terima kiriman")))
    if ill.status in OUT_ON_LOAN and ill.received_at and ill.returned_at is None:
        if ill.item_id is not None and ill.member_id is not None:
            steps.append(("lend", _("Pinjamkan ke anggota")))
        steps.append(("return", _("Kirim kembali ke pemilik")))
    if ill.renewable:
        steps.append(("renew", _("Minta perpanjangan")))
    if ill.status in NOT_SHIPPED:
        steps.append(("cancel", _("Batalkan")))
    return steps


def due_from(form: QueryDict) -> date | None:
    """The date typed in a step's ``due`` field (YYYY-MM-DD); None when left empty; raises
    DueDateInvalid for anything else."""
    raw = form.get("due", "").strip()
    if not raw:
        return None
    try:
        day = parse_date(raw)
    except ValueError:
        day = None
    if day is None:
        raise errors.DueDateInvalid(value=raw[:30])
    return day


@staff_required
def request_page(request: StaffRequest, code: str, pk: int) -> HttpResponse:
    library, ill = get_request_for_staff(request, code, pk)
    events = ill.events.select_related("by", "library", "peer")
    steps = next_steps(ill, library)
    today, verbs = timezone.localdate(), {verb for verb, _label in steps}
    suggested = {  # the due dates the forms propose (the lender's closed days skipped)
        "ship": services.loan_due(library, today) if "ship" in verbs else None,
        "renew_yes": due_dates.renew_due(library, ill.due_on, today)
        if "renew-yes" in verbs
        else None,
    }
    return render(
        request,
        "ill/staff/request.html",
        {
            "library": library,
            "ill": ill,
            "events": events,
            "steps": steps,
            "suggested": suggested,
            "tomorrow": today + timedelta(days=1),
        },
    )


def _reason(form: QueryDict) -> str:
    return form.get("reason", "")[:500]


VERBS: dict[str, Callable[..., object]] = {
    "accept": lambda ill, by, lib, form: services.accept(ill, by, lib),
    "expect": lambda ill, by, lib, form: services.accept(ill, by, lib, now=False),
    "retry": lambda ill, by, lib, form: services.retry_possible(ill, by, lib, _reason(form)),
    "decline": lambda ill, by, lib, form: services.decline(ill, by, lib, _reason(form)),
    "ship": lambda ill, by, lib, form: services.ship(
        ill, by, lib, form.get("barcode", "")[:64], due=due_from(form)
    ),
    "checkin": lambda ill, by, lib, form: services.check_in_return(ill, by, lib),
    "renew-yes": lambda ill, by, lib, form: due_dates.answer_renewal(
        ill, by, lib, yes=True, due=due_from(form), why=_reason(form)
    ),
    "renew-no": lambda ill, by, lib, form: due_dates.answer_renewal(
        ill, by, lib, yes=False, why=_reason(form)
    ),
    "recall": lambda ill, by, lib, form: due_dates.recall(ill, by, lib, _reason(form)),
    "lost": lambda ill, by, lib, form: services.complete_without_return(
        ill, by, lib, _reason(form)
    ),
    "receive": lambda ill, by, lib, form: services.receive(ill, by, lib),
    "lend": lambda ill, by, lib, form: services.lend_to_member(ill, by, lib),
    "return": lambda ill, by, lib, form: services.ship_return(ill, by, lib),
    "renew": lambda ill, by, lib, form: due_dates.ask_renewal(ill, by, lib, _reason(form)),
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

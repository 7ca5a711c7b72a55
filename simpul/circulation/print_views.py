"""Printable pages of the desk: the member's receipt (also sent by e-mail) and the slips that
travel with a returned copy: "kirim ke <perpustakaan>" and the hold slip."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul.circulation import desk_state, services
from simpul.circulation.choices import Action, NoticeOutcome
from simpul.circulation.desk_account_views import served
from simpul.circulation.desk_state import Line
from simpul.circulation.desk_views import DESK, respond
from simpul.circulation.models import Event, Hold
from simpul.libraries.access import StaffRequest, get_library_for_staff, staff_required
from simpul.libraries.models import Library


@staff_required
def receipt(request: StaffRequest, code: str) -> HttpResponse:
    library, member = served(request, code)
    context = {"receipt": services.receipt_for(member, library), "library": library}
    return render(request, "circulation/desk/receipt.html", context)


@require_POST
@staff_required
def receipt_send(request: StaffRequest, code: str) -> HttpResponse:
    library, member = served(request, code)
    notice = services.send_receipt(services.receipt_for(member, library))
    messages = {
        NoticeOutcome.SENT: _("Bukti transaksi dikirim ke {address}."),
        NoticeOutcome.NO_ADDRESS: _("Anggota ini tidak punya alamat e-mail; cetak buktinya."),
        NoticeOutcome.FAILED: _("E-mail ke {address} gagal dikirim: {error}"),
    }
    text = messages[NoticeOutcome(notice.outcome)].format(
        address=notice.address, error=notice.error
    )
    line = Line(notice.outcome == NoticeOutcome.SENT, text)
    desk_state.add(request, library.code, line)
    return respond(request, library)


@staff_required
def slip(request: StaffRequest, code: str, pk: int) -> HttpResponse:
    library = get_library_for_staff(request, code, DESK)
    event = (
        Event.objects.filter(
            pk=pk, library=library, action__in=[Action.TRANSIT, Action.HOLD_TRAPPED]
        )
        .select_related("item__record", "item__library", "member", "by")
        .defer("item__record__marc")
        .first()
    )
    if event is None or event.item is None:
        raise Http404(_("Slip tidak ditemukan."))
    send_to = Library.objects.filter(code=event.detail.get("to") or "").first()
    hold = (
        Hold.objects.select_related("member", "pickup_library")
        .filter(pk=event.detail.get("hold") or 0)
        .first()
    )
    context = {"library": library, "event": event, "send_to": send_to, "hold": hold}
    return render(request, "circulation/desk/slip.html", context)

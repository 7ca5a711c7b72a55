"""The desk's actions on the member being served: renew, lost, damaged, pay, waive.

Each acts only on the member the desk is serving (a loan or fine of anyone else is 404) and
reports its outcome as a line of the session, like a scan.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul.circulation import desk_state, services
from simpul.circulation.desk_panel import loan_of
from simpul.circulation.desk_state import Line
from simpul.circulation.desk_views import DESK, respond
from simpul.circulation.forms import ChargeForm, PaymentForm, WaiveForm
from simpul.circulation.models import Fine, Loan
from simpul.lib.errors import SimpulError
from simpul.lib.money import rupiah
from simpul.libraries.access import StaffRequest, can, get_library_for_staff, staff_required
from simpul.libraries.models import Library
from simpul.members.models import Member


def served(request: StaffRequest, code: str, action: str = DESK) -> tuple[Library, Member]:
    library = get_library_for_staff(request, code, action)
    member = desk_state.current_member(request, library.code)
    if member is None:
        raise Http404(_("Belum ada anggota yang dilayani."))
    return library, member


def _loan(request: StaffRequest, code: str, pk: int) -> tuple[Library, Loan]:
    library, member = served(request, code)
    loan = loan_of(member, pk)
    if loan is None:
        raise Http404(_("Peminjaman tidak ditemukan."))
    return library, loan


def _say(request: StaffRequest, library: Library, line: Line) -> HttpResponse:
    desk_state.add(request, library.code, line)
    return respond(request, library)


def _form_error(form: PaymentForm | WaiveForm | ChargeForm) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


@require_POST
@staff_required
def renew(request: StaffRequest, code: str, pk: int) -> HttpResponse:
    library, loan = _loan(request, code, pk)
    barcode = loan.item.barcode
    override = request.POST.get("override") == "1" and can(
        request.user, "circulation.override", library
    )
    try:
        loan = services.renew(loan, request.user, library, override=override)
    except SimpulError as error:
        may = getattr(error, "overridable", False) and can(
            request.user, "circulation.override", library
        )
        line = Line(False, error.message, barcode=barcode, override=may, loan=loan.pk)
        return _say(request, library, line)
    line = Line(True, _("Diperpanjang."), barcode, loan.item.record.title, loan.due_on.isoformat())
    return _say(request, library, line)


@require_POST
@staff_required
def lost(request: StaffRequest, code: str, pk: int) -> HttpResponse:
    library, loan = _loan(request, code, pk)
    form = ChargeForm(request.POST)
    if not form.is_valid():
        return _say(request, library, Line(False, _form_error(form), loan.item.barcode))
    try:
        fine = services.mark_lost(loan, request.user, library, form.cleaned_data["jumlah"])
    except SimpulError as error:
        return _say(request, library, Line(False, error.message, loan.item.barcode))
    return _say(request, library, _charged(_("Dinyatakan hilang."), loan, fine))


@require_POST
@staff_required
def damaged(request: StaffRequest, code: str, pk: int) -> HttpResponse:
    library, loan = _loan(request, code, pk)
    form = ChargeForm(request.POST)
    if not form.is_valid():
        return _say(request, library, Line(False, _form_error(form), loan.item.barcode))
    data = form.cleaned_data
    try:
        fine = services.mark_damaged(loan, request.user, library, data["jumlah"], data["catatan"])
    except SimpulError as error:
        return _say(request, library, Line(False, error.message, loan.item.barcode))
    return _say(request, library, _charged(_("Dinyatakan rusak."), loan, fine))


def _charged(done: str, loan: Loan, fine: Fine | None) -> Line:
    if fine is None:
        message = done + " " + _("Tidak ada biaya penggantian (harga tidak diketahui).")
    else:
        message = done + " " + _("Biaya penggantian {amount}.").format(amount=rupiah(fine.amount))
    return Line(True, message, loan.item.barcode, loan.item.record.title, warning=True)


@require_POST
@staff_required
def pay(request: StaffRequest, code: str) -> HttpResponse:
    library, member = served(request, code)
    form = PaymentForm(request.POST)
    if not form.is_valid():
        return _say(request, library, Line(False, _form_error(form)))
    try:
        services.pay(member, form.cleaned_data["jumlah"], request.user, library)
    except SimpulError as error:
        return _say(request, library, Line(False, error.message))
    amount = rupiah(form.cleaned_data["jumlah"])
    return _say(
        request, library, Line(True, _("Pembayaran {amount} dicatat.").format(amount=amount))
    )


@require_POST
@staff_required
def waive(request: StaffRequest, code: str, pk: int) -> HttpResponse:
    library, member = served(request, code, "fines.waive")
    fine = Fine.objects.filter(pk=pk, member=member).first()
    if fine is None:
        raise Http404(_("Denda tidak ditemukan."))
    form = WaiveForm(request.POST)
    if not form.is_valid():
        return _say(request, library, Line(False, _form_error(form)))
    data = form.cleaned_data
    try:
        services.waive(fine, data["jumlah"], request.user, data["alasan"], library)
    except SimpulError as error:
        return _say(request, library, Line(False, error.message))
    message = _("Denda {amount} dihapus.").format(amount=rupiah(data["jumlah"]))
    return _say(request, library, Line(True, message))

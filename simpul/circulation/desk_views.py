"""The circulation desk: one screen driven by a barcode scanner, checkout and return modes.

Every POST answers htmx with the desk's panel (``_desk.html``) and plain browsers with a
redirect back to the page, which shows the same panel from the session (desk_state.py).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul.circulation import desk_state, services
from simpul.circulation.checkin import CheckinResult, going_back
from simpul.circulation.checkout import CheckoutResult
from simpul.circulation.desk_panel import panel_context
from simpul.circulation.desk_state import RETURNS, Line
from simpul.circulation.errors import CirculationError
from simpul.lib.errors import SimpulError
from simpul.lib.money import rupiah
from simpul.lib.rawsql import partial
from simpul.libraries.access import StaffRequest, can, get_library_for_staff, staff_required
from simpul.libraries.models import Library
from simpul.members.models import Member

DESK = "circulation.desk"
PAGES = {"pinjam": "circulation:desk", "kembali": "circulation:returns"}


def respond(
    request: StaffRequest,
    library: Library,
    mode: str = "pinjam",
    member: Member | None = None,
    added: Line | None = None,
) -> HttpResponse:
    """The desk panel for htmx, a redirect to the desk page for plain forms. ``member``: the
    member being served, when the view has just read them.

    A scan that ``added`` a line to a list already on the screen is answered in place: that
    line and the member's panel, not the whole list again (every scan redrew up to 40 lines;
    docs/benchmarks.md). htmx takes the answer to ``#desk-latest`` and the rest out of band.
    """
    if not request.htmx:  # type: ignore[attr-defined]
        return redirect(PAGES[mode], code=library.code)
    context = panel_context(request, library, mode, member)
    if added is None or len(context["lines"]) < 2:
        return render(request, "circulation/desk/_desk.html", context)
    context["line"] = added
    context["line_html"] = render_to_string("circulation/desk/_line.html", context, request)
    response = render(request, "circulation/desk/_scan_answer.html", context)
    response["HX-Retarget"] = "#desk-latest"
    response["HX-Reswap"] = "outerHTML"
    return response


@staff_required
def desk(request: StaffRequest, code: str) -> HttpResponse:
    library = get_library_for_staff(request, code, DESK)
    return render(request, "circulation/desk/desk.html", panel_context(request, library, "pinjam"))


@staff_required
def returns(request: StaffRequest, code: str) -> HttpResponse:
    library = get_library_for_staff(request, code, DESK)
    context = panel_context(request, library, "kembali")
    return render(request, "circulation/desk/desk.html", context)


@require_POST
@staff_required
def scan(request: StaffRequest, code: str) -> HttpResponse:
    """A scan in checkout mode: a member's card starts serving them, an item is lent."""
    library = get_library_for_staff(request, code, DESK)
    scanned = " ".join(request.POST.get("kode", "").split())
    if not scanned:
        return respond(request, library)
    member, line = _scan(request, library, scanned)
    return respond(request, library, member=member, added=line)


def _scan(
    request: StaffRequest, library: Library, scanned: str
) -> tuple[Member | None, Line | None]:
    """A card starts serving its member; anything else is lent to the member being served.
    Returns the member being served afterwards when it has read them (for the panel; None:
    the panel reads them), and the line the scan added."""
    member = desk_state.member_with_number(scanned)
    if member is not None:
        desk_state.serve(request, library.code, member)
        return member, None
    current = desk_state.member_id(request, library.code)
    if current is None:
        message = _("{code} bukan nomor anggota yang dikenal. Pindai kartu anggota dulu.")
        line = Line(False, message.format(code=scanned))
        desk_state.add(request, library.code, line)
        return None, line
    # checkout reads the member itself, locked, inside its transaction
    return lend(request, library, partial(Member, id=current), scanned, override=False)


def lend(
    request: StaffRequest, library: Library, member: Member, barcode: str, override: bool
) -> tuple[Member | None, Line]:
    """Lend ``barcode`` to ``member`` (only its id is used); the member as checkout read them
    when it lent (None otherwise) and the desk line."""
    served = None
    try:
        result = services.checkout(barcode, member, library, request.user, override=override)
    except CirculationError as error:
        may = error.overridable and can(request.user, "circulation.override", library)
        title = desk_state.title_of(barcode)
        line = Line(False, error.message, barcode=barcode, title=title, override=may)
    except SimpulError as error:
        line = Line(False, error.message, barcode=barcode, title=desk_state.title_of(barcode))
    else:
        line = _lent_line(result)
        served = result.loan.member if result.created else None  # standing.desk_member's
    desk_state.add(request, library.code, line)
    return served, line


def _lent_line(result: CheckoutResult) -> Line:
    loan = result.loan
    if not result.created:
        message = _("Sudah tercatat dipinjam anggota ini; tidak ada yang diubah.")
    elif result.overridden:
        message = _("Dipinjamkan dengan pengecualian: {reasons}").format(
            reasons=" ".join(block.reason for block in result.overridden)
        )
    else:
        message = _("Dipinjamkan.")
    return Line(
        True, message, barcode=loan.item.barcode, title=loan.item.record.title,
        due=loan.due_on.isoformat(), warning=bool(result.overridden),
    )  # fmt: skip


@require_POST
@staff_required
def override(request: StaffRequest, code: str) -> HttpResponse:
    """Lend despite the blocks: circulation.override only, recorded as an OVERRIDE event."""
    library = get_library_for_staff(request, code, "circulation.override")
    member = desk_state.current_member(request, library.code)
    barcode = request.POST.get("barcode", "").strip()
    if member is not None and barcode:
        lend(request, library, member, barcode, override=True)
    return respond(request, library)


@require_POST
@staff_required
def checkin_scan(request: StaffRequest, code: str) -> HttpResponse:
    library = get_library_for_staff(request, code, DESK)
    barcode = " ".join(request.POST.get("kode", "").split())
    if not barcode:
        return respond(request, library, "kembali")
    try:
        line = _returned_line(services.checkin(barcode, library, request.user))
    except SimpulError as error:
        line = Line(False, error.message, barcode=barcode, title=desk_state.title_of(barcode))
    desk_state.add(request, library.code, line, RETURNS)
    return respond(request, library, "kembali", added=line)


def _returned_line(result: CheckinResult) -> Line:
    item = result.item
    parts = [result.note or _("Dikembalikan.")]
    if result.fine is not None:
        parts.append(_("Denda keterlambatan {amount}.").format(amount=rupiah(result.fine.amount)))
    if result.hold is not None and result.send_to is None:
        parts.append(_("Taruh di rak pesanan untuk {name}.").format(name=result.hold.member))
    elif result.send_to is not None:
        parts.append(_("Kirim ke {library}.").format(library=result.send_to.name))
    elif result.borrowing is not None and result.changed:
        parts.append(going_back(result.borrowing))
    else:
        parts.append(_("Kembalikan ke rak.") if result.changed else "")
    slip = result.slip.pk if result.slip is not None else None
    return Line(
        True, " ".join(part for part in parts if part), barcode=item.barcode,
        title=item.record.title, slip=slip,
        warning=bool(slip or result.fine or result.borrowing or not result.changed),
    )  # fmt: skip


@require_POST
@staff_required
def finish(request: StaffRequest, code: str) -> HttpResponse:
    """Done with this member (or, in return mode, clear the list of returns)."""
    library = get_library_for_staff(request, code, DESK)
    mode = "kembali" if request.POST.get("mode") == "kembali" else "pinjam"
    if mode == "kembali":
        desk_state.clear(request, library.code, RETURNS)
    else:
        desk_state.finish(request, library.code)
    return respond(request, library, mode)

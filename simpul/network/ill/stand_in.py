"""The stand-in: a temporary copy at the requesting library for a book a peer server lent it.

Inside one Simpul the lender's own Item travels to the requesting library. Between servers the
requesting side has no Item for the peer's book, so when it records Received it makes one, in
the same transaction: the desk can then lend it to the member, and a renewal's or a recall's
new date and ShippedReturn follow it, exactly as for a local request's copy.

How it is kept apart from the collection (circulation/borrowed.py, fed by borrowed.py):
- its barcode is ``ILL-<request number>`` and its location names the loan and the lender;
- it is made on the hold shelf (waiting for its member), never available: returned at the
  desk it goes in transit back to its lender, not to the shelf, and it is lent to its member
  only (a desk override aside), never for longer than the lender's due date;
- no hold counts on it, and a request without a local record gets a minimal record of its own
  (title, author, a 500 note) that no library catalogued (``Record.library`` empty) and that
  is suppressed: staff see it, but the OPAC, SRU and OAI-PMH do not, so nobody harvesting us
  copies a temporary record of another library's book.
When the book goes back (ShippedReturn, or the lender closes the loan) the stand-in is
withdrawn: it stays, with its loans, status changes and events, but it is out of the shelf,
out of the search facets and out of every hold for good.
"""

from __future__ import annotations

import pymarc
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.catalog.choices import ITEM_TRANSITIONS, ItemStatus
from simpul.catalog.marc.writer import SimpleRecord, record_from_simple
from simpul.catalog.models import Item, Record
from simpul.catalog.services import add_item, next_control_number, save_marc, set_item_status
from simpul.network.ill import errors
from simpul.network.ill.models import IllRequest

PREFIX = "ILL-"
BARCODE_LENGTH = 64  # Item.barcode


def barcode_for(request: IllRequest) -> str:
    """``ILL-<request number>``, what the desk scans; ``ILL-<row id>`` if that is too long."""
    barcode = PREFIX + request.request_id
    return barcode if len(barcode) <= BARCODE_LENGTH else f"{PREFIX}{request.pk}"


def make(request: IllRequest, by: User | None) -> Item | None:
    """The stand-in of a peer's book just received at ``request.requester_library``, linked
    to the request (its ``item``, and its ``record`` when it had none). None when the request
    is not a peer's loan to this server, or already has its stand-in. Call inside the Received
    transaction. Raises BarcodeTaken and RequestChanged (a concurrent Received linked one)."""
    library = request.requester_library
    if request.supplier_peer is None or library is None or request.item_id is not None:
        return None
    lender = request.supplier_peer.name
    record = request.record or _record(request, lender)
    item = add_item(
        record,
        library,
        barcode=barcode_for(request),
        status=ItemStatus.ON_HOLD_SHELF,
        location=_("Pinjam antarperpustakaan {number}, milik {lender}").format(
            number=request.request_id, lender=lender
        )[:200],
    )
    linked = IllRequest.objects.filter(pk=request.pk, item__isnull=True).update(
        item=item, record=record
    )
    if not linked:
        raise errors.RequestChanged(number=request.request_id, status=request.get_status_display())
    request.item, request.record = item, record
    return item


def _record(request: IllRequest, lender: str) -> Record:
    """A minimal record for the stand-in: the title and author the request carries, and a
    note saying what it is. Catalogued by no library and suppressed: it is nobody's holding."""
    data = SimpleRecord(
        title=request.title or _("(tanpa judul)"),
        authors=[request.author] if request.author else [],
    )
    marc = record_from_simple(data, control_number=next_control_number())
    note = _("Eksemplar sementara pinjam antarperpustakaan {number}, dipinjam dari {lender}.")
    marc.add_ordered_field(
        pymarc.Field(
            tag="500",
            indicators=pymarc.Indicators(" ", " "),
            subfields=[pymarc.Subfield("a", note.format(number=request.request_id, lender=lender))],
        )
    )
    return save_marc(Record(library=None, suppressed=True), marc)


def retire(request: IllRequest, by: User | None) -> bool:
    """Withdraw the stand-in of ``request``: its book went back to the lender (or the lender
    closed the loan). One the member still has on loan is left alone (the desk takes it back
    first: ship_return refuses until then); one already withdrawn too. A copy in transit or on
    the hold shelf passes through "available" inside the caller's transaction, as a found
    copy does at check-in (there is no direct way to "withdrawn"), so nobody ever sees it so.
    Returns whether it was withdrawn now."""
    item = request.item
    if not request.has_stand_in or item is None:
        return False
    item.refresh_from_db(fields=["status"])
    if item.status in (ItemStatus.WITHDRAWN, ItemStatus.ON_LOAN):
        return False
    reason = _("Kembali ke pemiliknya: pinjam antarperpustakaan {number}").format(
        number=request.request_id
    )
    if ItemStatus.WITHDRAWN not in ITEM_TRANSITIONS[item.status]:
        set_item_status(item, ItemStatus.AVAILABLE, by=by, reason=reason)
    set_item_status(item, ItemStatus.WITHDRAWN, by=by, reason=reason)
    return True

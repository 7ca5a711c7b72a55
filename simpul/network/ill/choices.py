"""The ISO 18626 vocabulary of an interlibrary loan, with Bahasa Indonesia labels for staff.

The values are ISO 18626's own words, so a status travels between Simpul servers (and any
other ISO 18626 peer) as it is stored.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IllStatus(models.TextChoices):
    """The supplying library's status of a request (ISO 18626 type_status)."""

    REQUEST_RECEIVED = "RequestReceived", _("Permintaan diterima")
    EXPECT_TO_SUPPLY = "ExpectToSupply", _("Akan dipenuhi")
    WILL_SUPPLY = "WillSupply", _("Disetujui, sedang disiapkan")
    LOANED = "Loaned", _("Dikirim/dipinjamkan")
    OVERDUE = "Overdue", _("Terlambat")
    RECALLED = "Recalled", _("Ditarik kembali")
    RETRY_POSSIBLE = "RetryPossible", _("Dapat diajukan ulang")
    UNFILLED = "Unfilled", _("Ditolak")
    LOAN_COMPLETED = "LoanCompleted", _("Selesai (sudah kembali)")
    COMPLETED_WITHOUT_RETURN = "CompletedWithoutReturn", _("Selesai tanpa pengembalian")
    CANCELLED = "Cancelled", _("Dibatalkan")


class IllAction(models.TextChoices):
    """What the requesting library tells the supplier (ISO 18626 type_action)."""

    STATUS_REQUEST = "StatusRequest", _("Tanya status")
    RECEIVED = "Received", _("Diterima perpustakaan peminjam")
    CANCEL = "Cancel", _("Permintaan pembatalan")
    RENEW = "Renew", _("Permintaan perpanjangan")
    SHIPPED_RETURN = "ShippedReturn", _("Dikirim kembali ke pemilik")


class Renewal(models.TextChoices):
    """Where the requesting library's last renewal request stands (blank: never asked)."""

    REQUESTED = "requested", _("Perpanjangan diminta")
    GRANTED = "granted", _("Perpanjangan disetujui")
    REFUSED = "refused", _("Perpanjangan ditolak")


class MessageKind(models.TextChoices):
    REQUEST = "request", "Request"
    SUPPLYING = "supplyingAgencyMessage", "SupplyingAgencyMessage"
    REQUESTING = "requestingAgencyMessage", "RequestingAgencyMessage"


class OutboxState(models.TextChoices):
    PENDING = "pending", _("Menunggu dikirim")
    SENT = "sent", _("Terkirim")
    REFUSED = "refused", _("Ditolak mitra")


S = IllStatus
# Which supplier status may follow which; services.set_status applies them.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.REQUEST_RECEIVED: frozenset(
        {S.EXPECT_TO_SUPPLY, S.WILL_SUPPLY, S.LOANED, S.RETRY_POSSIBLE, S.UNFILLED, S.CANCELLED}
    ),
    S.EXPECT_TO_SUPPLY: frozenset(
        {S.WILL_SUPPLY, S.LOANED, S.RETRY_POSSIBLE, S.UNFILLED, S.CANCELLED}
    ),
    S.WILL_SUPPLY: frozenset({S.LOANED, S.UNFILLED, S.CANCELLED}),
    # The lender may still fill a request it said to retry (nobody sends ISO's Retry here).
    S.RETRY_POSSIBLE: frozenset(
        {S.EXPECT_TO_SUPPLY, S.WILL_SUPPLY, S.LOANED, S.UNFILLED, S.CANCELLED}
    ),
    S.LOANED: frozenset({S.OVERDUE, S.RECALLED, S.LOAN_COMPLETED, S.COMPLETED_WITHOUT_RETURN}),
    S.OVERDUE: frozenset({S.LOANED, S.RECALLED, S.LOAN_COMPLETED, S.COMPLETED_WITHOUT_RETURN}),
    S.RECALLED: frozenset({S.OVERDUE, S.LOAN_COMPLETED, S.COMPLETED_WITHOUT_RETURN}),
    S.UNFILLED: frozenset(),
    S.LOAN_COMPLETED: frozenset(),
    S.COMPLETED_WITHOUT_RETURN: frozenset(),
    S.CANCELLED: frozenset(),
}

CLOSED = frozenset({S.UNFILLED, S.LOAN_COMPLETED, S.COMPLETED_WITHOUT_RETURN, S.CANCELLED})
OPEN = tuple(status for status in S if status not in CLOSED)
NOT_SHIPPED = (S.REQUEST_RECEIVED, S.EXPECT_TO_SUPPLY, S.WILL_SUPPLY, S.RETRY_POSSIBLE)
OUT_ON_LOAN = (S.LOANED, S.OVERDUE, S.RECALLED)
# A renewal may be asked for, and a recall made, while the copy is out and not recalled yet.
RENEWABLE = (S.LOANED, S.OVERDUE)

A = IllAction
# In which supplier statuses the requesting library may send each action.
ACTION_ALLOWED: dict[str, tuple[str, ...]] = {
    A.STATUS_REQUEST: tuple(S),
    A.RECEIVED: OUT_ON_LOAN,
    A.CANCEL: NOT_SHIPPED,
    A.RENEW: OUT_ON_LOAN,
    A.SHIPPED_RETURN: OUT_ON_LOAN,
}

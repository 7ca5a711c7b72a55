"""Refusals of circulation use cases: a stable code, a translated message and the values."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from simpul.lib.errors import SimpulError


class CirculationError(SimpulError):
    code = "CIRCULATION_ERROR"
    status = 409
    # Staff with circulation.override may lend anyway (only ``Blocked`` says yes).
    overridable = False


class ItemNotFound(CirculationError):
    code = "ITEM_NOT_FOUND"
    template = _("Barkode {barcode} tidak dikenal.")
    status = 404


class MemberNotFound(CirculationError):
    code = "MEMBER_NOT_FOUND"
    template = _("Anggota ini tidak ada lagi. Pindai kartu anggota.")


class ItemOnLoan(CirculationError):
    code = "ITEM_ON_LOAN"
    template = _("Eksemplar {barcode} sedang dipinjam anggota lain (jatuh tempo {due}).")


class TakenAtAnotherDesk(CirculationError):
    code = "ITEM_TAKEN_AT_ANOTHER_DESK"
    template = _("Eksemplar {barcode} baru saja dipinjam di meja lain.")


class ItemNotAvailable(CirculationError):
    code = "ITEM_NOT_AVAILABLE"
    template = _("Eksemplar {barcode} berstatus {status} dan tidak dapat dipinjamkan.")


class Blocked(CirculationError):
    """One or more rules forbid the loan or renewal; ``reasons`` says which, in words."""

    code = "BLOCKED"
    template = _("Tidak dapat dilayani: {reasons}")
    overridable = True

    def __init__(self, *, blocks: list[Any], **data: Any) -> None:
        self.blocks = blocks
        super().__init__(
            reasons=" ".join(block.reason for block in blocks),
            codes=",".join(block.code for block in blocks),
            **data,
        )


class RenewalRefused(CirculationError):
    """Renewal is impossible: another member waits, or the new date would be no later."""

    code = "RENEWAL_REFUSED"
    template = _("Eksemplar {barcode} tidak dapat diperpanjang: {reason}")


class RenewThroughInterlibraryLoan(RenewalRefused):
    """A copy borrowed from another library: only its lender may give it more time."""

    code = "RENEW_THROUGH_ILL"
    template = _(
        "Eksemplar {barcode} dipinjam dari {lender} lewat pinjam antarperpustakaan "
        "({number}), jadi tidak dapat diperpanjang di sini. Minta perpanjangan lewat pinjam "
        "antarperpustakaan: pemiliknya yang memutuskan."
    )


class LoanClosed(CirculationError):
    code = "LOAN_CLOSED"
    template = _("Peminjaman eksemplar {barcode} sudah selesai.")


class BadAmount(CirculationError):
    code = "BAD_AMOUNT"
    template = _("Jumlah {amount} tidak dapat dicatat: {reason}")
    status = 400


class ReasonRequired(CirculationError):
    code = "REASON_REQUIRED"
    template = _("Tuliskan alasan penghapusan denda.")
    status = 400


class RuleExists(CirculationError):
    code = "LOAN_RULE_EXISTS"
    template = _("Aturan untuk kombinasi ini sudah ada.")


# Holds (holds.py): what a member placing, or a desk filling, a hold can be told.


class HoldAlreadyPlaced(SimpulError):
    code = "HOLD_ALREADY_PLACED"
    template = _("Anda sudah memesan “{title}”. Lihat antrean Anda di halaman pinjaman.")
    status = 409


class TitleAlreadyOnLoan(SimpulError):
    code = "HOLD_TITLE_ON_LOAN"
    template = _("Anda sedang meminjam “{title}”, jadi tidak perlu memesannya.")
    status = 409


class MembershipExpired(SimpulError):
    code = "MEMBERSHIP_EXPIRED"
    template = _(
        "Keanggotaan Anda berakhir pada {date}. Perpanjang keanggotaan di perpustakaan "
        "terlebih dahulu, lalu pesan lagi."
    )
    status = 403


class MembershipSuspended(SimpulError):
    code = "MEMBERSHIP_SUSPENDED"
    template = _("Keanggotaan Anda sedang dibekukan. Hubungi perpustakaan tempat Anda terdaftar.")
    status = 403


class MembershipNotActive(SimpulError):
    code = "MEMBERSHIP_NOT_ACTIVE"
    template = _("Keanggotaan Anda belum aktif, jadi belum bisa memesan buku.")
    status = 403


class PickupNotAllowed(SimpulError):
    code = "HOLD_PICKUP_NOT_ALLOWED"
    template = _("Buku pesanan tidak dapat diambil di {library}. Pilih perpustakaan lain.")


class NoCopyForHold(SimpulError):
    code = "HOLD_NO_COPY"
    template = _("Tidak ada eksemplar “{title}” yang dapat dipesan untuk diambil di {library}.")
    status = 409


class HoldNotOpen(SimpulError):
    code = "HOLD_NOT_OPEN"
    template = _("Reservasi ini tidak dapat diubah lagi (status: {status}).")
    status = 409


class HeldForAnotherMember(SimpulError):
    code = "ITEM_HELD_FOR_ANOTHER"
    template = _("Eksemplar {barcode} disisihkan untuk anggota {number} yang memesannya.")
    status = 409

"""Rupiah: whole numbers, written the Indonesian way in both languages ("Rp 12.500")."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def whole(amount: Decimal | int | float | str | None) -> int:
    """``amount`` as whole Rupiah (half up); None and unreadable values count as 0."""
    if amount is None or amount == "":
        return 0
    try:
        return int(Decimal(str(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except InvalidOperation:
        return 0


def rupiah(amount: Decimal | int | float | str | None) -> str:
    """``12500`` -> ``"Rp 12.500"``; negative amounts keep their sign after the symbol."""
    value = whole(amount)
    digits = f"{abs(value):,}".replace(",", ".")
    return f"Rp {'-' if value < 0 else ''}{digits}"


def parse_rupiah(text: str) -> int | None:
    """What people type at the desk: "12500", "12.500", "Rp 12.500", "12.500,00"; else None."""
    cleaned = text.strip().upper().removeprefix("RP").strip().replace(" ", "")
    if "," in cleaned:
        cleaned, _sep, cents = cleaned.partition(",")
        if cents.strip("0"):
            return None
    cleaned = cleaned.replace(".", "")
    return int(cleaned) if cleaned.isdigit() else None

"""``{{ amount|rupiah }}`` -> "Rp 12.500" (``{% load rupiah %}``)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from simpul.lib.money import rupiah as format_rupiah

register = template.Library()


@register.filter
def rupiah(amount: Decimal | int | str | None) -> str:
    return format_rupiah(amount)

"""Member cards: the Code128 barcode and QR code of a member number as SVG, and cards as PDF.

A card is ID-1 size (85.6 x 54 mm, a bank card). One card prints on a page of its own size, for
card printers; a batch prints eight to an A4 sheet with space to cut between them. Cards are
printed in Indonesian, whatever language the staff screen is in: they are shown at every desk.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from typing import Any

import segno
from barcode import Code128
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from simpul.members.models import Member

QUIET_MODULES = 10  # Code128 wants ten module widths of white on either side


def barcode_svg(code: str, *, height: int = 40) -> SafeString:
    """``code`` as a Code128 barcode in SVG that scales to any box (no text under it)."""
    modules = Code128(code).build()[0]
    width = len(modules) + 2 * QUIET_MODULES
    bars, x = [], QUIET_MODULES
    for run in _runs(modules):
        if run[0] == "1":
            bars.append(f"M{x} 0h{len(run)}v{height}h-{len(run)}z")
        x += len(run)
    return mark_safe(  # our own markup; the code is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'preserveAspectRatio="none" shape-rendering="crispEdges" role="img" '
        f'aria-label="{escape(code)}"><rect width="{width}" height="{height}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(bars)}"/></svg>'
    )


def _runs(modules: str) -> list[str]:
    runs: list[str] = []
    for bit in modules:
        if runs and runs[-1][0] == bit:
            runs[-1] += bit
        else:
            runs.append(bit)
    return runs


def qr_svg(code: str, *, border: int = 2) -> SafeString:
    """``code`` as a QR code in SVG (a full QR code: phones and desk imagers do not all read
    the Micro QR that segno would choose for so few characters)."""
    svg = segno.make_qr(code, error="m").svg_inline(
        border=border, omitsize=True, dark="#000", light="#fff"
    )
    return mark_safe(svg)  # segno's own markup; a QR code's path holds no text


def _photo_uri(member: Member) -> str:
    if not member.photo:
        return ""
    try:
        with member.photo.open("rb") as photo:
            data = photo.read()
    except OSError:
        return ""  # a lost file: print the card without the photo
    return "data:image/jpeg;base64," + base64.b64encode(data).decode()


def card_context(member: Member) -> dict[str, Any]:
    """What a card shows of ``member``: texts, both codes and the photo as a data URI."""
    return {
        "member": member,
        "barcode": barcode_svg(member.number),
        "qr": qr_svg(member.number),
        "photo": _photo_uri(member),
        "valid_until": date_format(member.expires_on, "j F Y") if member.expires_on else "",
    }


def cards_pdf(members: Iterable[Member], *, sheet: bool) -> bytes:
    """Cards of ``members`` (numbered ones) as PDF: on A4 sheets, or one card to a page."""
    from weasyprint import HTML

    with translation.override("id"):
        cards = [card_context(member) for member in members if member.number]
        html = render_to_string(
            "members/card.html",
            {"cards": cards, "sheet": sheet, "network_name": _("Jaringan Perpustakaan Kota Metro")},
        )
    # Nothing is fetched: the photo is inside the HTML as a data URI, the codes as SVG.
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf

"""Spine and barcode labels on A4 label sheets, as PDF (WeasyPrint)."""

from __future__ import annotations

import io
from collections.abc import Iterable

from barcode import Code128
from barcode.writer import SVGWriter
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from simpul.catalog.models import Item


def barcode_svg(code: str) -> SafeString:
    """A Code128 barcode as inline SVG (the human-readable text is printed by the label)."""
    out = io.BytesIO()
    Code128(code, writer=SVGWriter()).write(
        out,
        options={"write_text": False, "module_height": 9.0, "module_width": 0.25, "quiet_zone": 2},
    )
    svg = out.getvalue().decode()
    return mark_safe(svg[svg.index("<svg") :])  # our own generated SVG


def spine_lines(item: Item) -> list[str]:
    """The call number broken for a spine: class number, then author mark, then the rest."""
    parts = item.call_number.split() if item.call_number else [item.record.ddc or "—"]
    return parts[:4]


def labels_pdf(items: Iterable[Item], *, library_name: str) -> bytes:
    from weasyprint import HTML

    rows = [
        {"item": item, "svg": barcode_svg(item.barcode), "spine": spine_lines(item)}
        for item in items
    ]
    html = render_to_string("catalog/labels.html", {"rows": rows, "library_name": library_name})
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf

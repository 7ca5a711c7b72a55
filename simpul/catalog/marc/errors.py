"""Errors of the MARC layer that callers catch; per-record problems are ReadResult.error instead."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from simpul.lib.errors import SimpulError


class UnknownFormat(SimpulError, ValueError):
    """The file is neither MARC21 (ISO 2709), MARCXML nor CSV, or the format name is unknown."""

    code = "MARC_UNKNOWN_FORMAT"
    template = _(
        "Format berkas tidak dikenali ({detail}). Gunakan MARC21 (ISO 2709), MARCXML, atau CSV."
    )

"""The provider's sets: one per library (``library:KOTA``, from ``Record.library``) and one per
material type (``type:book``, from ``Record.material_type``), under the parents ``library``
and ``type``. A record is in its leaf sets and, as the protocol says, in their parents.

A deleted record keeps its library (the tombstone has it) but not its material type, so it is
reported in the library sets and not in the type sets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from simpul.catalog.choices import MaterialType
from simpul.libraries.models import Library
from simpul.network.oai.errors import BadArgument

SET_SPEC = re.compile(r"([A-Za-z0-9\-_.!~*'()])+(:[A-Za-z0-9\-_.!~*'()]+)*")
LIBRARY, TYPE = "library", "type"


@dataclass(frozen=True)
class SetFilter:
    """Which records and deletions a set holds; the default holds everything."""

    library_id: int | None = None
    any_library: bool = False  # the parent set "library": records catalogued by any library
    material_type: str = ""
    types_only: bool = False  # a "type" set: deletions have no known type, so none are in it
    nothing: bool = False  # a well-formed spec that names no set of ours


def set_filter(spec: str) -> SetFilter:
    """The filter for ``spec`` (empty: no set); badArgument when it is not a setSpec at all."""
    if not spec:
        return SetFilter()
    if not SET_SPEC.fullmatch(spec):
        raise BadArgument(reason=_("set {spec} bukan setSpec yang sah").format(spec=spec[:50]))
    parent, _colon, child = spec.partition(":")
    if parent == LIBRARY and not child:
        return SetFilter(any_library=True)
    if parent == LIBRARY and ":" not in child:
        pk = Library.objects.filter(code=child).values_list("pk", flat=True).first()
        return SetFilter(library_id=pk) if pk is not None else SetFilter(nothing=True)
    if parent == TYPE and not child:
        return SetFilter(types_only=True)
    if parent == TYPE and child in MaterialType.values:
        return SetFilter(material_type=child, types_only=True)
    return SetFilter(nothing=True)


def all_sets() -> list[tuple[str, str]]:
    """(setSpec, setName) of every set, parents first, names in the active language."""
    sets = [(LIBRARY, _("Menurut perpustakaan yang mengatalog"))]
    sets += [
        (f"{LIBRARY}:{code}", name)
        for code, name in Library.objects.order_by("code").values_list("code", "name")
        if SET_SPEC.fullmatch(code)
    ]
    sets.append((TYPE, _("Menurut jenis bahan")))
    sets += [
        (f"{TYPE}:{value}", _("Jenis bahan: {label}").format(label=label))
        for value, label in MaterialType.choices
    ]
    return sets


def record_sets(library_code: str | None, material_type: str | None) -> list[str]:
    """The leaf setSpecs of a record (or of a deletion, which has no material type)."""
    specs = [f"{LIBRARY}:{library_code}"] if library_code else []
    return specs + ([f"{TYPE}:{material_type}"] if material_type else [])

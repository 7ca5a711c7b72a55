"""Public API of the library directory: /api/v1/libraries/."""

from __future__ import annotations

import re
from datetime import time
from decimal import Decimal

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from simpul.libraries.models import LIBRARY_CODE_PATTERN, Library
from simpul.libraries.services import statuses_now, weekly_table

router = Router(tags=["libraries"])


class SessionOut(Schema):
    opens: time
    closes: time


class DayOut(Schema):
    weekday: str
    sessions: list[SessionOut]


class LibraryOut(Schema):
    code: str
    name: str
    kind: str
    kind_label: str
    address: str
    district: str
    city: str
    latitude: Decimal | None
    longitude: Decimal | None
    phone: str
    email: str
    website: str
    lends_to_network: bool
    is_demo: bool
    open_now: bool
    status_note: str


class LibraryDetailOut(LibraryOut):
    hours: list[DayOut]


def _out(library: Library, open_now: bool, note: str) -> dict[str, object]:
    return {
        **{
            field: getattr(library, field)
            for field in LibraryOut.model_fields
            if hasattr(library, field)
        },
        "kind_label": str(library.get_kind_display()),
        "open_now": open_now,
        "status_note": note,
    }


@router.get("/", response=list[LibraryOut], summary="All active libraries with today's status")
def list_libraries(request: HttpRequest) -> list[dict[str, object]]:
    libraries = list(Library.objects.public())
    statuses = statuses_now(libraries)
    return [_out(lib, statuses[lib.pk].is_open, statuses[lib.pk].closure_name) for lib in libraries]


@router.get("/{code}", response=LibraryDetailOut, summary="One library with its weekly hours")
def get_library(request: HttpRequest, code: str) -> dict[str, object]:
    if not re.fullmatch(LIBRARY_CODE_PATTERN, code):
        raise Http404(code)
    library = Library.objects.public().filter(code=code).first()
    if library is None:
        raise Http404(code)
    status = statuses_now([library])[library.pk]
    hours = [
        {"weekday": day, "sessions": [{"opens": o, "closes": c} for o, c in sessions]}
        for day, sessions in weekly_table(library)
    ]
    return {**_out(library, status.is_open, status.closure_name), "hours": hours}

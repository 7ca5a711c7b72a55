"""What one desk remembers between scans, kept in the staff member's session per library:
the member being served and the lines of this session (newest first).

Only ids and short texts are stored; the database stays the truth about loans and fines.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from simpul.catalog.models import Item, Record
from simpul.circulation.standing import desk_member
from simpul.lib.rawsql import rows, table
from simpul.members.models import Member

SESSION_KEY = "circulation_desk"
MAX_LINES = 40
CHECKOUT, RETURNS = "lines", "returns"


@dataclass
class Line:
    """One scan or action and its outcome, as the desk shows it."""

    ok: bool
    message: str
    barcode: str = ""
    title: str = ""
    due: str = ""  # ISO date
    override: bool = False  # offer the override button
    slip: int | None = None  # Event id of a routing or hold slip
    loan: int | None = None  # the loan a refused renewal was about (its override renews)
    warning: bool = False  # done, but look: a fine, a slip to print

    @property
    def due_on(self) -> date | None:
        return date.fromisoformat(self.due) if self.due else None


def _desk(request: HttpRequest, code: str) -> dict[str, Any]:
    desks = request.session.setdefault(SESSION_KEY, {})
    return desks.setdefault(code, {"member": None, CHECKOUT: [], RETURNS: []})


def member_id(request: HttpRequest, code: str) -> int | None:
    return _desk(request, code)["member"]


def current_member(request: HttpRequest, code: str) -> Member | None:
    """The member being served, with their standing today (standing.desk_member)."""
    pk = member_id(request, code)
    if pk is None:
        return None
    return desk_member(pk, timezone.localdate())


def title_of(barcode: str) -> str:
    """The title of the copy with ``barcode`` ("" for an unknown barcode), for a refused line."""
    found = rows(
        f"SELECT r.title FROM {table(Item)} i JOIN {table(Record)} r ON r.id = i.record_id "
        "WHERE i.barcode = %s",
        [barcode],
    )
    return str(found[0][0]) if found else ""


def member_with_number(scanned: str) -> Member | None:
    """The member whose card says ``scanned`` (every scan asks: most are item barcodes)."""
    return desk_member(None, timezone.localdate(), number=scanned.upper())


def serve(request: HttpRequest, code: str, member: Member) -> None:
    """Start serving ``member``; a new member starts a new list of lines."""
    desk = _desk(request, code)
    if desk["member"] != member.pk:
        desk["member"], desk[CHECKOUT] = member.pk, []
    request.session.modified = True


def finish(request: HttpRequest, code: str) -> None:
    desk = _desk(request, code)
    desk["member"], desk[CHECKOUT] = None, []
    request.session.modified = True


def add(request: HttpRequest, code: str, line: Line, where: str = CHECKOUT) -> None:
    desk = _desk(request, code)
    desk[where] = [asdict(line), *desk[where]][:MAX_LINES]
    request.session.modified = True


def lines(request: HttpRequest, code: str, where: str = CHECKOUT) -> list[Line]:
    return [Line(**row) for row in _desk(request, code)[where]]


def clear(request: HttpRequest, code: str, where: str) -> None:
    _desk(request, code)[where] = []
    request.session.modified = True

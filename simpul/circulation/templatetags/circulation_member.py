"""Template tags of the OPAC and the member's pages.

``{% hold_panel record as panel %}``: what the record page offers this person for holds. The
record page (catalog) only includes circulation/holds/_record_panel.html; everything it needs
is asked here, in at most four small queries, so the catalog knows nothing of holds.
``{{ amount|rupiah }}``: "Rp 12.500", as the desk writes money.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.utils import timezone

from simpul.catalog.models import Record
from simpul.circulation.choices import OPEN_HOLDS
from simpul.circulation.holds import check_member_may_hold, holdable_copies, pickup_libraries
from simpul.circulation.models import Hold
from simpul.lib.errors import SimpulError
from simpul.lib.money import rupiah as format_rupiah
from simpul.libraries.models import Library
from simpul.members.access import own_member

register = template.Library()


@dataclass
class HoldPanel:
    """``state`` is one of: anonymous, no_member, blocked, held, open (the form), none."""

    state: str
    reason: str = ""
    hold: Hold | None = None
    pickups: list[Library] = field(default_factory=list)
    default_pickup: int | None = None


@register.simple_tag(takes_context=True)
def hold_panel(context: template.Context, record: Record) -> HoldPanel:
    user = context["request"].user
    if not holdable_copies(record).exists():
        return HoldPanel("none")
    if not user.is_authenticated:
        return HoldPanel("anonymous")
    member = own_member(user)
    if member is None:
        return HoldPanel("no_member")
    hold = (
        Hold.objects.filter(record=record, member=member, status__in=OPEN_HOLDS)
        .select_related("pickup_library")
        .first()
    )
    if hold is not None:
        return HoldPanel("held", hold=hold)
    try:
        check_member_may_hold(member, timezone.localdate())
    except SimpulError as error:
        return HoldPanel("blocked", reason=error.message)
    return HoldPanel(
        "open", pickups=list(pickup_libraries(member)), default_pickup=member.home_library_id
    )


@register.filter
def rupiah(amount: object) -> str:
    return format_rupiah(amount)  # type: ignore[arg-type]

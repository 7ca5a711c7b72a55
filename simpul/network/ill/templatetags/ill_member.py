"""Template tags of the OPAC for interlibrary loan.

``{% ill_panel record as panel %}``: what the record page offers a signed-in member who
cannot borrow the title at home: ask another network library. The record page (catalog) only
includes ill/member/_record_panel.html; everything it needs is asked here, in at most five
small queries for a signed-in member and none for anyone else, so the catalog knows nothing
of interlibrary loan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template

from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import Item, Record
from simpul.libraries.models import Library
from simpul.members.access import own_member
from simpul.members.choices import MemberStatus
from simpul.network.ill import errors, services
from simpul.network.ill.choices import OPEN
from simpul.network.ill.models import IllRequest

register = template.Library()


@dataclass
class IllPanel:
    """``state`` is one of: none (nothing to show), asked (an open request), blocked, open."""

    state: str
    reason: str = ""
    request: IllRequest | None = None
    home: Library | None = None
    suppliers: list[Library] = field(default_factory=list)


@register.simple_tag(takes_context=True)
def ill_panel(context: template.Context, record: Record) -> IllPanel:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return IllPanel("none")
    member = own_member(user)
    if member is None:
        return IllPanel("none")
    asked = (
        IllRequest.objects.filter(member=member, record=record, status__in=OPEN)
        .select_related("supplier_library", "supplier_peer")
        .first()
    )
    if asked is not None:
        return IllPanel("asked", request=asked)
    home = member.home_library
    if Item.objects.filter(record=record, library=home, status=ItemStatus.AVAILABLE).exists():
        return IllPanel("none")  # borrow it (or hold it) at home
    suppliers = services.suppliers_for(record, home)
    if not suppliers:
        return IllPanel("none")
    if member.status != MemberStatus.ACTIVE:
        return IllPanel("blocked", reason=errors.NotAMember().message)
    return IllPanel("open", home=home, suppliers=suppliers)

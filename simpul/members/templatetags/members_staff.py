"""What other apps' staff pages show about members (a library page's pending count)."""

from __future__ import annotations

from django import template

from simpul.libraries.models import Library
from simpul.members.choices import MemberStatus
from simpul.members.models import Member

register = template.Library()


@register.simple_tag
def pending_registrations(library: Library) -> int:
    """How many registrations wait for approval at ``library`` (one query)."""
    return Member.objects.filter(home_library=library, status=MemberStatus.PENDING).count()

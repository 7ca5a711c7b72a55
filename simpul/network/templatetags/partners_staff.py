"""What the staff workspace shell shows about partners (the link in its navigation)."""

from __future__ import annotations

from typing import Any

from django import template

from simpul.libraries.access import can

register = template.Library()


@register.simple_tag(takes_context=True)
def may_see_partners(context: dict[str, Any]) -> bool:
    """Whether the signed-in person's roles include the partner screens (one query)."""
    request = context.get("request")
    return request is not None and can(request.user, "partners.view")

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from simpul.libraries.access import is_network_admin, is_staff_member


def shell(request: HttpRequest) -> dict[str, object]:
    """What the page shell needs: which workspace links this person sees (queried lazily)."""
    user = request.user
    return {
        "is_staff_member": SimpleLazyObject(lambda: is_staff_member(user)),
        "is_network_admin": SimpleLazyObject(lambda: is_network_admin(user)),
    }

"""Who may do what where, and the fetch-and-authorize helpers every staff view starts with.

A library the person cannot see at all answers 404 (its existence is not confirmed); a library
they can see but not change answers 403.
"""

from __future__ import annotations

from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _

from simpul.libraries.choices import STAFF_ROLES, Role
from simpul.libraries.models import Library, LibraryQuerySet, library_with_code, roles_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import AnonymousUser

    from simpul.accounts.models import User

R = Role
# The registry of actions: which roles grant each one. Grep here before adding a check.
ACTIONS: dict[str, frozenset[str]] = {
    "library.view": frozenset(STAFF_ROLES),
    "library.change": frozenset({R.NETWORK_ADMIN, R.LIBRARY_ADMIN}),
    "library.create": frozenset({R.NETWORK_ADMIN}),
    "staff.view": frozenset({R.NETWORK_ADMIN, R.LIBRARY_ADMIN}),
    "holidays.change": frozenset({R.NETWORK_ADMIN}),
    "catalog.edit": frozenset({R.NETWORK_ADMIN, R.LIBRARY_ADMIN, R.LIBRARIAN}),
    "catalog.import": frozenset({R.NETWORK_ADMIN, R.LIBRARY_ADMIN, R.LIBRARIAN}),
    "members.manage": frozenset({R.NETWORK_ADMIN, R.LIBRARY_ADMIN, R.DESK}),
    "circulation.desk": frozenset({R.NETWORK_ADMIN, R.LIBRARY_ADMIN, R.DESK}),
    "circulation.override": frozenset({R.NETWORK_ADMIN, R.LIBRARY_ADMIN}),
    "circulation.rules": frozenset({R.NETWORK_ADMIN, R.LIBRARY_ADMIN}),
    "fines.waive": frozenset({R.NETWORK_ADMIN, R.LIBRARY_ADMIN}),
    "partners.view": frozenset({R.NETWORK_ADMIN, R.LIBRARY_ADMIN, R.CITY_OFFICIAL}),
    "partners.manage": frozenset({R.NETWORK_ADMIN, R.LIBRARY_ADMIN}),
    "ill.manage": frozenset({R.NETWORK_ADMIN, R.LIBRARY_ADMIN, R.LIBRARIAN, R.DESK}),
    "union.review": frozenset({R.NETWORK_ADMIN, R.LIBRARY_ADMIN}),
}


class StaffRequest(HttpRequest):
    """A request whose user is signed in (what ``staff_required`` guarantees)."""

    user: User


def is_staff_member(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and any(role in STAFF_ROLES for role, _ in roles_of(user))


def is_network_admin(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and any(role == Role.NETWORK_ADMIN for role, _ in roles_of(user))


def can(user: User | AnonymousUser, action: str, library: Library | None = None) -> bool:
    """Whether ``user`` may do ``action`` at ``library`` (or anywhere, when library is None)."""
    if not user.is_authenticated:
        return False
    granting = ACTIONS[action]
    return any(
        role in granting and (library is None or where is None or where == library.pk)
        for role, where in roles_of(user)
    )


def staff_libraries(user: User, action: str = "library.view") -> LibraryQuerySet:
    return Library.objects.for_staff(user, ACTIONS[action])


def get_library_for_staff(request: StaffRequest, code: str, action: str) -> Library:
    """The library with ``code`` if the signed-in person may see it, checked for ``action``."""
    user = request.user
    library = library_with_code(code) if user.is_active else None
    if library is None or not can(user, "library.view", library):
        raise Http404(_("Perpustakaan tidak ditemukan."))
    if action != "library.view" and not can(user, action, library):
        raise PermissionDenied(
            _("Peran Anda tidak mengizinkan tindakan ini di {library}.").format(
                library=library.name
            )
        )
    return library


def staff_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Staff pages: anonymous people go to the login page, members get 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(request.user):
            raise PermissionDenied(_("Halaman ini hanya untuk petugas perpustakaan."))
        return view(request, *args, **kwargs)

    return wrapped

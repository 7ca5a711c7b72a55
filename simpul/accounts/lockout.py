"""What a throttled login sees: the login page again, with the reason and the wait."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from simpul.accounts.forms import LoginForm


def cooloff_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_response(request: HttpRequest, credentials: Any = None, *args: Any) -> HttpResponse:
    """Called by django-axes instead of letting a locked-out login through."""
    form = LoginForm(request, data=request.POST or None)
    message = _(
        "Terlalu banyak percobaan masuk yang gagal. Demi keamanan, akun ini dikunci "
        "sementara: coba lagi dalam {minutes} menit."
    ).format(minutes=cooloff_minutes())
    return render(
        request,
        "accounts/login.html",
        {"form": form, "lockout_message": message},
        status=429,
    )

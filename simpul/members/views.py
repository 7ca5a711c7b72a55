"""Public and member-facing pages: registering online, and the member's own card and profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.lib.errors import SimpulError
from simpul.members import services
from simpul.members.access import own_member
from simpul.members.cards import barcode_svg, qr_svg
from simpul.members.errors import EmailTaken, NikTaken
from simpul.members.forms import OnlineRegistrationForm, ProfileForm
from simpul.members.models import Member


def register(request: HttpRequest) -> HttpResponse:
    """Self-registration. Signed in already (an account without a membership): the membership
    is tied to that account; otherwise a new account is made for the e-mail address."""
    account = request.user if isinstance(request.user, User) else None
    if account is not None and own_member(account) is not None:
        messages.info(request, _("Anda sudah terdaftar sebagai anggota."))
        return redirect("members:own")
    form = OnlineRegistrationForm(request.POST or None, account=account)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member = services.register_online(
                form.member_fields(),
                home_library=data["home_library"],
                password=data.get("password1") or None,
                user=account,
            )
        except (EmailTaken, NikTaken) as error:
            form.add_error("email" if isinstance(error, EmailTaken) else "nik", error.message)
        except SimpulError as error:
            form.add_error(None, error.message)
        else:
            if account is None:
                assert member.user is not None
                login(request, member.user, backend="simpul.accounts.backends.UserBackend")
            messages.success(
                request,
                _(
                    "Terima kasih, pendaftaran Anda sudah kami terima. Petugas {library} akan "
                    "memeriksanya; bawa kartu identitas saat mengambil kartu anggota."
                ).format(library=member.home_library.name),
            )
            return redirect("members:own")
    return render(request, "members/register.html", {"form": form, "account": account})


@login_required
def own(request: HttpRequest) -> HttpResponse:
    """The member's own page: status, card details and the card to show on the phone."""
    member = own_member(request.user)
    if member is None:
        return render(request, "members/own_none.html")
    today = timezone.localdate()
    context: dict[str, object] = {"member": member, "today": today}
    if member.number:
        context.update(barcode=barcode_svg(member.number), qr=qr_svg(member.number, border=3))
    return render(request, "members/own.html", context)


@login_required
def own_edit(request: HttpRequest) -> HttpResponse:
    member = own_member(request.user)
    if member is None or not isinstance(request.user, User):
        return redirect("members:own")
    form = ProfileForm(request.POST or None, instance=Member.objects.get(pk=member.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.change_member(
                member,
                form.changes(),
                by=request.user,
                allowed=services.PROFILE_FIELDS,
            )
        except SimpulError as error:
            form.add_error("email", error.message)
        else:
            messages.success(request, _("Data keanggotaan Anda sudah disimpan."))
            return redirect("members:own")
    return render(request, "members/own_edit.html", {"form": form, "member": member})


@login_required
def own_photo(request: HttpRequest) -> FileResponse:
    member = own_member(request.user)
    return photo_response(member)


def photo_response(member: Member | None) -> FileResponse:
    """A member's photo, never cached by shared caches (member photos are not public)."""
    if member is None or not member.photo:
        raise Http404(_("Foto tidak ada."))
    try:
        response = FileResponse(member.photo.open("rb"), content_type="image/jpeg")
    except OSError:
        raise Http404(_("Foto tidak ada.")) from None
    response["Cache-Control"] = "private, max-age=3600"
    return response

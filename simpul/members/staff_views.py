"""The desk's membership screens: find a member, approve registrations, register in person,
renew, suspend, and print cards. Each view starts with the fetch-and-authorize helper."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul.lib.errors import SimpulError
from simpul.libraries.access import StaffRequest, get_library_for_staff, staff_required
from simpul.members import mail, services
from simpul.members.access import (
    ACTION,
    get_member_for_staff,
    get_registration_for_staff,
    members_for_staff,
)
from simpul.members.cards import cards_pdf
from simpul.members.choices import MemberStatus
from simpul.members.errors import EmailTaken, NikTaken, UnreadablePhoto
from simpul.members.forms import (
    ApproveForm,
    DeskRegistrationForm,
    RejectForm,
    RenewForm,
    StaffEditForm,
    SuspendForm,
)
from simpul.members.views import photo_response

RESULTS = 50  # members shown for one search; a longer list means the name needs more letters
BATCH = 200  # cards in one PDF


def _site(request: StaffRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@staff_required
def search(request: StaffRequest, code: str) -> HttpResponse:
    """Find a member by part of the name, the number, the NIK or a scanned card. A scanned
    number (the form sent with Enter) opens the member straight away."""
    library = get_library_for_staff(request, code, ACTION)
    query = request.GET.get("q", "").strip()
    if query:
        found = list(members_for_staff().find(query).order_by("full_name", "pk")[: RESULTS + 1])
        exact = [member for member in found if member.number == query.upper()]
        if exact and not request.htmx:  # type: ignore[attr-defined]
            return redirect("members:staff-member", code=library.code, number=exact[0].number)
        title = _("Hasil pencarian")
    else:  # the latest approvals here, for printing their cards
        found = list(
            members_for_staff()
            .filter(home_library=library, status=MemberStatus.ACTIVE)
            .order_by("-approved_at", "-pk")[:RESULTS]
        )
        title = _("Baru disetujui di perpustakaan ini")
    context = {
        "library": library,
        "query": query,
        "members": found[:RESULTS],
        "more": len(found) > RESULTS,
        "title": title,
        "today": timezone.localdate(),
        "pending": members_for_staff()
        .filter(home_library=library, status=MemberStatus.PENDING)
        .count(),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "members/staff/_results.html", context)
    return render(request, "members/staff/search.html", context)


@staff_required
def pending(request: StaffRequest, code: str) -> HttpResponse:
    library = get_library_for_staff(request, code, ACTION)
    today = timezone.localdate()
    waiting = (
        members_for_staff()
        .filter(home_library=library, status=MemberStatus.PENDING)
        .order_by("created_at", "pk")
    )
    return render(
        request,
        "members/staff/pending.html",
        {
            "library": library,
            "waiting": [(member, member.age_on(today)) for member in waiting],
            "approve_form": ApproveForm(),
            "reject_form": RejectForm(),
        },
    )


@require_POST
@staff_required
def approve(request: StaffRequest, code: str, pk: int) -> HttpResponse:
    library, member = get_registration_for_staff(request, code, pk)
    form = ApproveForm(request.POST)
    try:
        services.approve_member(member, by=request.user, library=library)
    except SimpulError as error:
        messages.error(request, error.message)
        return redirect("members:staff-pending", code=library.code)
    messages.success(
        request,
        _("{name} sudah disetujui dengan nomor {number}.").format(
            name=member.full_name, number=member.number
        ),
    )
    notify = form.is_valid() and form.cleaned_data["notify"] and member.email
    if notify and not mail.send_approval(member, _site(request)):
        messages.warning(request, _("E-mail pemberitahuan gagal dikirim."))
    return redirect("members:staff-pending", code=library.code)


@require_POST
@staff_required
def reject(request: StaffRequest, code: str, pk: int) -> HttpResponse:
    library, member = get_registration_for_staff(request, code, pk)
    form = RejectForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.reject_member(member, by=request.user, library=library, reason=reason)
    except SimpulError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Pendaftaran {name} ditolak.").format(name=member.full_name))
    return redirect("members:staff-pending", code=library.code)


@staff_required
def register(request: StaffRequest, code: str) -> HttpResponse:
    """Registration in person at the desk: the member is active and numbered at once."""
    library = get_library_for_staff(request, code, ACTION)
    form = DeskRegistrationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member = services.register_at_desk(
                form.member_fields(),
                library=library,
                by=request.user,
                with_account=data["with_account"],
                photo=data.get("photo"),
            )
        except (NikTaken, EmailTaken, UnreadablePhoto) as error:
            field = {NikTaken: "nik", EmailTaken: "email", UnreadablePhoto: "photo"}
            form.add_error(field[type(error)], error.message)
        else:
            messages.success(
                request,
                _("{name} terdaftar dengan nomor {number}.").format(
                    name=member.full_name, number=member.number
                ),
            )
            if member.user is not None and not mail.send_account_invitation(member, _site(request)):
                messages.warning(request, _("E-mail untuk membuat kata sandi gagal dikirim."))
            return redirect("members:staff-member", code=library.code, number=member.number)
    return render(request, "members/staff/register.html", {"library": library, "form": form})


@staff_required
def member_page(request: StaffRequest, code: str, number: str) -> HttpResponse:
    library, member = get_member_for_staff(request, code, number)
    return render(
        request,
        "members/staff/member.html",
        {
            "library": library,
            "member": member,
            "today": timezone.localdate(),
            "events": member.events.select_related("by", "library")[:20],
            "suspend_form": SuspendForm(),
        },
    )


@staff_required
def edit(request: StaffRequest, code: str, number: str) -> HttpResponse:
    library, member = get_member_for_staff(request, code, number)
    # The form works on a copy: validation writes into its instance, and change_member
    # compares the saved member with what was sent.
    copy = members_for_staff().get(pk=member.pk)
    form = StaffEditForm(request.POST or None, request.FILES or None, instance=copy)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_member(member, form.member_fields(), by=request.user, library=library)
            if photo := form.cleaned_data.get("photo"):
                services.set_photo(member, photo)
        except (NikTaken, EmailTaken, UnreadablePhoto) as error:
            field = {NikTaken: "nik", EmailTaken: "email", UnreadablePhoto: "photo"}
            form.add_error(field[type(error)], error.message)
        else:
            messages.success(
                request, _("Data {name} sudah disimpan.").format(name=member.full_name)
            )
            return redirect("members:staff-member", code=library.code, number=member.number)
    return render(
        request, "members/staff/edit.html", {"library": library, "member": member, "form": form}
    )


def _after(code: str, number: str) -> HttpResponse:
    return redirect("members:staff-member", code=code, number=number)


@require_POST
@staff_required
def renew(request: StaffRequest, code: str, number: str) -> HttpResponse:
    library, member = get_member_for_staff(request, code, number)
    form = RenewForm(request.POST)
    seen = form.cleaned_data["seen"] if form.is_valid() else None
    try:
        new = services.renew_membership(
            member, by=request.user, library=library, seen_expires_on=seen
        )
    except SimpulError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Keanggotaan {name} diperpanjang sampai {date}.").format(
                name=member.full_name, date=date_format(new, "j F Y")
            ),
        )
    return _after(library.code, member.number)


@require_POST
@staff_required
def suspend(request: StaffRequest, code: str, number: str) -> HttpResponse:
    library, member = get_member_for_staff(request, code, number)
    form = SuspendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tulis alasan pembekuan."))
        return _after(library.code, member.number)
    try:
        services.suspend_member(
            member, by=request.user, library=library, reason=form.cleaned_data["reason"]
        )
    except SimpulError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Keanggotaan {name} dibekukan.").format(name=member.full_name))
    return _after(library.code, member.number)


@require_POST
@staff_required
def reactivate(request: StaffRequest, code: str, number: str) -> HttpResponse:
    library, member = get_member_for_staff(request, code, number)
    try:
        services.reactivate_member(member, by=request.user, library=library)
    except SimpulError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Keanggotaan {name} aktif kembali.").format(name=member.full_name)
        )
    return _after(library.code, member.number)


@require_POST
@staff_required
def account(request: StaffRequest, code: str, number: str) -> HttpResponse:
    """An online account for a member registered without one; the password link is e-mailed."""
    library, member = get_member_for_staff(request, code, number)
    try:
        services.create_account(member, by=request.user, library=library)
    except SimpulError as error:
        messages.error(request, error.message)
        return _after(library.code, member.number)
    if mail.send_account_invitation(member, _site(request)):
        messages.success(
            request,
            _("Akun daring dibuat; tautan untuk membuat kata sandi dikirim ke {email}.").format(
                email=member.email
            ),
        )
    else:
        messages.warning(
            request, _("Akun dibuat, tetapi e-mail untuk membuat kata sandi gagal dikirim.")
        )
    return _after(library.code, member.number)


@staff_required
def card(request: StaffRequest, code: str, number: str) -> HttpResponse:
    """One card on a page of its own size (85.6 x 54 mm), for a card printer or a cutter."""
    _library, member = get_member_for_staff(request, code, number)
    if member.status != MemberStatus.ACTIVE:
        return HttpResponse(_("Kartu hanya dicetak untuk anggota aktif."), status=409)
    response = HttpResponse(cards_pdf([member], sheet=False), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="kartu-{member.number}.pdf"'
    return response


@staff_required
def cards(request: StaffRequest, code: str) -> HttpResponse:
    """Cards of this library's active members on A4 sheets: the numbers ticked in the list
    (?nomor=…&nomor=…) or everyone approved since a date (?sejak=YYYY-MM-DD)."""
    library = get_library_for_staff(request, code, ACTION)
    chosen = members_for_staff().filter(home_library=library, status=MemberStatus.ACTIVE)
    numbers = [n.strip().upper() for n in request.GET.getlist("nomor") if n.strip()]
    if numbers:
        chosen = chosen.filter(number__in=numbers[:BATCH])
    elif since := _date_or_none(request.GET.get("sejak", "")):
        chosen = chosen.filter(approved_at__date__gte=since)
    else:
        return HttpResponse(_("Pilih anggota: ?nomor= atau ?sejak=TTTT-BB-HH."), status=400)
    members = list(chosen.exclude(number="").order_by("full_name", "number")[:BATCH])
    if not members:
        return HttpResponse(_("Tidak ada anggota aktif yang cocok untuk dicetak."), status=404)
    response = HttpResponse(cards_pdf(members, sheet=True), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="kartu-{library.code}.pdf"'
    return response


@staff_required
def photo(request: StaffRequest, code: str, number: str) -> FileResponse:
    _library, member = get_member_for_staff(request, code, number)
    return photo_response(member)


def _date_or_none(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None

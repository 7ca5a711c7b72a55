"""Membership use cases, the only code that changes members: registration, approval, renewal,
suspension, profile changes. Each state change is one transaction and writes a MemberEvent."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from simpul.catalog.covers import prepare_cover
from simpul.lib.errors import SimpulError
from simpul.members.choices import TRANSITIONS, MemberEventKind, MemberStatus
from simpul.members.errors import (
    AlreadyApproved,
    AlreadyMember,
    EmailTaken,
    MemberChanged,
    NikTaken,
    NoEmail,
    NotRenewable,
    StatusChangeNotAllowed,
    UnreadablePhoto,
    WrongLibrary,
)
from simpul.members.models import Member, MemberEvent, MemberNumberSequence
from simpul.members.validity import add_months, renewed_until

if TYPE_CHECKING:
    from simpul.accounts.models import User
    from simpul.libraries.models import Library

NUMBER_PREFIX = "MTR"  # Kota Metro; then the year of approval and a six-digit sequence
MEMBER_FIELDS = frozenset(
    {
        "full_name", "birth_date", "gender", "address", "city", "phone", "email",
        "school_or_work", "nik", "guardian_name", "guardian_phone", "category", "language",
        "keep_history",
    }
)  # fmt: skip
PROFILE_FIELDS = frozenset({"phone", "email", "address", "city", "language", "keep_history"})


def record(
    member: Member,
    kind: str,
    by: User | None,
    *,
    library: Library | None = None,
    note: str = "",
    **data: Any,
) -> MemberEvent:
    """Write one history row (inside the caller's transaction)."""
    values = {key: v.isoformat() if isinstance(v, date) else v for key, v in data.items()}
    return MemberEvent.objects.create(
        member=member, kind=kind, by=by, library=library, note=note[:300], data=values
    )


def allocate_number(today: date) -> str:
    """The next free member number of ``today``'s year, e.g. MTR2026000042.

    Call inside the transaction that stores it: the row lock taken by the UPDATE (PostgreSQL)
    or the write lock of the IMMEDIATE transaction (SQLite) holds other desks back until it
    commits, and a rollback gives the number back. Numbers already taken by hand are skipped.
    """
    year = today.year
    MemberNumberSequence.objects.bulk_create(
        [MemberNumberSequence(year=year, last=0)], ignore_conflicts=True
    )
    while True:
        MemberNumberSequence.objects.filter(year=year).update(last=F("last") + 1)
        last = MemberNumberSequence.objects.values_list("last", flat=True).get(year=year)
        number = f"{NUMBER_PREFIX}{year}{last:06d}"
        if not Member.objects.filter(number=number).exists():
            return number


def _check_unique(fields: Mapping[str, Any], *, account_email: str = "", exclude: int = 0) -> None:
    nik = fields.get("nik") or ""
    if nik and Member.objects.filter(nik=nik).exclude(pk=exclude).exists():
        raise NikTaken(nik=nik)
    if (
        account_email
        and get_user_model()
        .objects.filter(Q(email__iexact=account_email) | Q(username__iexact=account_email))
        .exists()
    ):
        raise EmailTaken(email=account_email)


def _new_user(email: str, full_name: str, phone: str, password: str | None) -> User:
    user: User = get_user_model()(
        username=email.lower(), email=email.lower(), full_name=full_name, phone=phone
    )
    # Without a password of their own (desk registration) the member sets one through the
    # e-mailed link; a random usable one keeps "Lupa kata sandi" working for them too.
    user.set_password(password or secrets.token_urlsafe(32))
    user.save()
    return user


def _create(
    fields: Mapping[str, Any], *, account_email: str, password: str | None, **extra: Any
) -> Member:
    """Insert the member (and account); a race lost to a twin submission becomes a clear error."""
    unknown = set(fields) - MEMBER_FIELDS
    assert not unknown, f"not member fields: {unknown}"
    _check_unique(fields, account_email=account_email)
    try:
        with transaction.atomic():
            if account_email:
                extra["user"] = _new_user(
                    account_email, fields["full_name"], fields["phone"], password
                )
            member = Member.objects.create(**fields, **extra)
    except IntegrityError:
        _check_unique(fields, account_email=account_email)  # names the duplicate that won
        user = extra.get("user")
        existing = Member.objects.filter(user=user).first() if user is not None else None
        if existing is not None:
            raise AlreadyMember(name=existing.full_name) from None
        raise
    return member


@transaction.atomic
def register_online(
    fields: Mapping[str, Any],
    *,
    home_library: Library,
    password: str | None = None,
    user: User | None = None,
    today: date | None = None,
) -> Member:
    """A resident's own registration: a PENDING member, tied to ``user`` (signed in already)
    or to a new account for their e-mail address and ``password``. Raises AlreadyMember,
    NikTaken or EmailTaken, also when a twin submission won the race."""
    extra: dict[str, Any] = {
        "home_library": home_library,
        "status": MemberStatus.PENDING,
        "joined_on": today or timezone.localdate(),
    }
    if user is not None:
        existing = Member.objects.filter(user=user).first()
        if existing is not None:
            raise AlreadyMember(name=existing.full_name)
        extra["user"] = user
    member = _create(
        fields,
        account_email="" if user is not None else fields["email"],
        password=password,
        **extra,
    )
    if user is not None and fields["email"].lower() != user.email.lower():
        _sync_account_email(user, fields["email"])
    record(member, MemberEventKind.REGISTERED, member.user, library=home_library, online=True)
    return member


@transaction.atomic
def register_at_desk(
    fields: Mapping[str, Any],
    *,
    library: Library,
    by: User,
    with_account: bool = False,
    photo: Any = None,
    today: date | None = None,
) -> Member:
    """Staff register someone in person: ACTIVE at once, numbered, valid for the category's
    months; an online account only if asked (the member sets its password by e-mail)."""
    today = today or timezone.localdate()
    member = _create(
        fields,
        account_email=fields["email"] if with_account else "",
        password=None,
        home_library=library,
        status=MemberStatus.ACTIVE,
        number=allocate_number(today),
        joined_on=today,
        expires_on=add_months(today, fields["category"].validity_months),
        approved_by=by,
        approved_at=timezone.now(),
    )
    if photo is not None:
        set_photo(member, photo)
    record(member, MemberEventKind.REGISTERED, by, library=library, at_desk=True)
    return member


def _set_status(
    member: Member,
    new: str,
    by: User | None,
    kind: str,
    *,
    library: Library | None,
    note: str = "",
    **changes: Any,
) -> None:
    """Move ``member`` to ``new`` if TRANSITIONS allow it and nobody moved it first."""
    old = member.status
    if new not in TRANSITIONS.get(old, frozenset()):
        raise StatusChangeNotAllowed(
            name=member.full_name,
            old=MemberStatus(old).label,
            new=MemberStatus(new).label,
        )
    changed = Member.objects.filter(pk=member.pk, status=old).update(
        status=new, updated_at=timezone.now(), **changes
    )
    if changed != 1:
        raise MemberChanged(name=member.full_name)
    member.status = new
    for field, value in changes.items():
        setattr(member, field, value)
    record(member, kind, by, library=library, note=note, old=old, new=new)


@transaction.atomic
def approve_member(
    member: Member, *, by: User, library: Library, today: date | None = None
) -> Member:
    """Approve a pending (or earlier rejected) registration at its home library: it gets its
    number and is valid for the category's months from today. Raises WrongLibrary,
    AlreadyApproved, or MemberChanged (someone else approved it a moment ago)."""
    if member.home_library_id != library.pk:
        raise WrongLibrary(name=member.full_name, library=member.home_library.name)
    if member.status in (MemberStatus.ACTIVE, MemberStatus.SUSPENDED):
        raise AlreadyApproved(name=member.full_name, number=member.number)
    today = today or timezone.localdate()
    number = member.number or allocate_number(today)
    expires_on = add_months(today, member.category.validity_months)
    _set_status(
        member,
        MemberStatus.ACTIVE,
        by,
        MemberEventKind.APPROVED,
        library=library,
        number=number,
        expires_on=expires_on,
        approved_by=by,
        approved_at=timezone.now(),
    )
    return member


@transaction.atomic
def reject_member(member: Member, *, by: User, library: Library, reason: str = "") -> None:
    """Refuse a pending registration at its home library; the reason is kept in the history."""
    if member.home_library_id != library.pk:
        raise WrongLibrary(name=member.full_name, library=member.home_library.name)
    _set_status(
        member, MemberStatus.REJECTED, by, MemberEventKind.REJECTED, library=library, note=reason
    )


@transaction.atomic
def suspend_member(member: Member, *, by: User, library: Library, reason: str) -> None:
    """Freeze an active membership (the card stops working at every desk) with a reason."""
    _set_status(
        member, MemberStatus.SUSPENDED, by, MemberEventKind.SUSPENDED, library=library, note=reason
    )


@transaction.atomic
def reactivate_member(member: Member, *, by: User, library: Library, note: str = "") -> None:
    _set_status(
        member, MemberStatus.ACTIVE, by, MemberEventKind.REACTIVATED, library=library, note=note
    )


@transaction.atomic
def renew_membership(
    member: Member,
    *,
    by: User,
    library: Library,
    seen_expires_on: date | None = None,
    today: date | None = None,
) -> date:
    """Extend the card by the category's months from its expiry, or from today if it has
    already expired; returns the new expiry. ``seen_expires_on`` is the expiry the person saw
    on the page: a form sent twice then renews once and raises MemberChanged the second time.
    Raises NotRenewable for a registration that is not approved."""
    if member.status not in (MemberStatus.ACTIVE, MemberStatus.SUSPENDED):
        raise NotRenewable(name=member.full_name, status=member.get_status_display())
    today = today or timezone.localdate()
    old = member.expires_on if seen_expires_on is None else seen_expires_on
    new = renewed_until(old, today, member.category.validity_months)
    changed = Member.objects.filter(
        pk=member.pk, expires_on=old, status__in=(MemberStatus.ACTIVE, MemberStatus.SUSPENDED)
    ).update(expires_on=new, updated_at=timezone.now())
    if changed != 1:
        raise MemberChanged(name=member.full_name)
    member.expires_on = new
    record(member, MemberEventKind.RENEWED, by, library=library, old=old, new=new)
    return new


@transaction.atomic
def change_member(
    member: Member,
    changes: Mapping[str, Any],
    *,
    by: User,
    library: Library | None = None,
    allowed: frozenset[str] = MEMBER_FIELDS,
) -> list[str]:
    """Save changed fields of a member (staff: any of MEMBER_FIELDS; the member themself:
    PROFILE_FIELDS). A changed e-mail follows to the online account. Returns the names of the
    fields that changed; raises NikTaken or EmailTaken."""
    unknown = set(changes) - allowed
    assert not unknown, f"not allowed here: {unknown}"
    changed = [name for name, value in changes.items() if getattr(member, name) != value]
    if not changed:
        return []
    _check_unique({"nik": changes.get("nik", "")}, exclude=member.pk)
    try:
        with transaction.atomic():
            if "email" in changed and member.user is not None and changes["email"]:
                _sync_account_email(member.user, changes["email"])
            for name in changed:
                setattr(member, name, changes[name])
            member.save(update_fields=[*changed, "updated_at"])
    except IntegrityError:
        _check_unique({"nik": changes.get("nik", "")}, exclude=member.pk)
        raise EmailTaken(email=changes.get("email", "")) from None
    record(member, MemberEventKind.CHANGED, by, library=library, fields=sorted(changed))
    return changed


@transaction.atomic
def create_account(member: Member, *, by: User, library: Library) -> User:
    """An online account for a member who has none, under their e-mail address; they choose
    the password through an e-mailed link. Raises EmailTaken or AlreadyMember."""
    if member.user_id is not None:
        raise AlreadyMember(name=member.full_name)
    if not member.email:
        raise NoEmail(name=member.full_name)
    _check_unique({}, account_email=member.email)
    try:
        with transaction.atomic():
            user = _new_user(member.email, member.full_name, member.phone, None)
            updated = Member.objects.filter(pk=member.pk, user__isnull=True).update(user=user)
            if updated != 1:
                raise MemberChanged(name=member.full_name)
    except IntegrityError:
        raise EmailTaken(email=member.email) from None
    member.user = user
    record(member, MemberEventKind.CHANGED, by, library=library, fields=["user"])
    return user


def _sync_account_email(user: User, email: str) -> None:
    """The account follows the member's e-mail address; raises EmailTaken."""
    email = email.lower()
    if type(user).objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise EmailTaken(email=email)
    user.email = email
    user.save(update_fields=["email"])


def set_photo(member: Member, upload: Any) -> None:
    """Store the member's photo, redrawn without EXIF or GPS data; raises UnreadablePhoto."""
    try:
        images = prepare_cover(upload)
    except SimpulError as error:
        raise UnreadablePhoto() from error
    old = member.photo.name if member.photo else ""
    name = f"{member.number or member.pk}-{secrets.token_hex(4)}.jpg"
    member.photo.save(name, ContentFile(images.cover), save=False)
    member.save(update_fields=["photo", "updated_at"])
    if old:
        transaction.on_commit(lambda: member.photo.storage.delete(old))

"""Partner and agreement use cases, the only code that changes partners, their contacts and
agreements. A create form carries a one-time token, so the same form sent twice creates one
row; agreement numbers are unique per partner (checked here, enforced by the database); a
status changes only by a conditional UPDATE that writes its history row."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify

from simpul.network.choices import TRANSITIONS, AgreementStatus
from simpul.network.errors import (
    AgreementChanged,
    AgreementDates,
    AgreementWithoutPartner,
    AlreadyEnded,
    DocumentTooLarge,
    DuplicateAgreementNumber,
    NotAPdf,
    NotSignedYet,
    StatusChangeNotAllowed,
)
from simpul.network.models import (
    Agreement,
    AgreementParty,
    AgreementStatusChange,
    Contact,
    Partner,
    number_key,
)

if TYPE_CHECKING:
    from simpul.accounts.models import User
    from simpul.libraries.models import Library

PARTNER_FIELDS = frozenset(
    {"name", "kind", "city", "country", "website", "address", "notes", "is_active"}
)
CONTACT_FIELDS = frozenset({"name", "position", "email", "phone"})
AGREEMENT_FIELDS = frozenset(
    {
        "kind",
        "number",
        "title",
        "library",
        "signed_on",
        "starts_on",
        "ends_on",
        "scope",
        "responsible",
    }
)
# Paths under /mitra/ and /staf/mitra/ that a partner's slug must not take.
RESERVED_SLUGS = frozenset({"baru", "perjanjian"})
PDF_MAGIC = b"%PDF-"
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})


def _only(fields: Mapping[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
    unknown = set(fields) - allowed
    assert not unknown, f"unexpected fields: {unknown}"
    return dict(fields)


def unique_slug(name: str) -> str:
    """``sma-negeri-1-metro``, or with ``-2``, ``-3`` when another partner has it already."""
    base = slugify(name)[:70].strip("-") or "mitra"
    taken = set(Partner.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken or slug in RESERVED_SLUGS:
        n += 1
        slug = f"{base}-{n}"
    return slug


# Partners and contacts ---------------------------------------------------------------------


def create_partner(
    fields: Mapping[str, Any], *, libraries: Iterable[Library], token: str | None = None
) -> Partner:
    """A new partner linked to ``libraries``. With the create form's ``token``, sending the
    same form again returns the partner made the first time instead of a twin."""
    values = _only(fields, PARTNER_FIELDS)
    if token and (existing := Partner.objects.filter(form_token=token).first()):
        return existing
    try:
        with transaction.atomic():
            partner = Partner.objects.create(
                **values, slug=unique_slug(values["name"]), form_token=token or None
            )
            partner.libraries.set(list(libraries))
    except IntegrityError:
        if token and (existing := Partner.objects.filter(form_token=token).first()):
            return existing
        raise
    return partner


@transaction.atomic
def change_partner(
    partner: Partner, fields: Mapping[str, Any], *, libraries: Iterable[Library]
) -> Partner:
    """Save the partner's data and its linked libraries; the slug (its public address) stays."""
    for name, value in _only(fields, PARTNER_FIELDS).items():
        setattr(partner, name, value)
    partner.save()
    partner.libraries.set(list(libraries))
    return partner


def add_contact(partner: Partner, fields: Mapping[str, Any]) -> Contact:
    """A new contact person; the same person sent twice (a double click) is added once."""
    values = _only(fields, CONTACT_FIELDS)
    existing = partner.contacts.filter(**values).first()
    return existing or Contact.objects.create(partner=partner, **values)


def change_contact(contact: Contact, fields: Mapping[str, Any]) -> Contact:
    for name, value in _only(fields, CONTACT_FIELDS).items():
        setattr(contact, name, value)
    contact.save()
    return contact


def remove_contact(contact: Contact) -> None:
    contact.delete()


# Agreements --------------------------------------------------------------------------------


def check_pdf(upload: UploadedFile) -> None:
    """Refuse anything but a PDF within ``settings.AGREEMENT_MAX_UPLOAD`` bytes: the size, the
    type the browser declared and the file's first bytes (``%PDF-``), not only its name."""
    name = upload.name or ""
    limit = settings.AGREEMENT_MAX_UPLOAD
    if upload.size is not None and upload.size > limit:
        raise DocumentTooLarge(name=name, size=megabytes(upload.size), limit=megabytes(limit))
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    declared = (upload.content_type or "").split(";")[0].strip().lower()
    if not name.lower().endswith(".pdf") or declared not in PDF_TYPES:
        raise NotAPdf(name=name)
    if not head.lstrip(b"\r\n\t ").startswith(PDF_MAGIC):
        raise NotAPdf(name=name)


def megabytes(size: int) -> str:
    """``2,5`` or ``10``: megabytes written the way the reader's language writes numbers."""
    written = number_format(round(size / (1024 * 1024), 1), decimal_pos=1)
    return written.removesuffix(",0").removesuffix(".0")


def _check_agreement(
    values: Mapping[str, Any], partners: list[Partner], exclude: int | None
) -> None:
    if not partners:
        raise AgreementWithoutPartner()
    if values["ends_on"] < values["starts_on"]:
        raise AgreementDates(start=values["starts_on"], end=values["ends_on"])
    _check_number(values["number"], partners, exclude)


def _check_number(number: str, partners: list[Partner], exclude: int | None) -> None:
    taken = (
        AgreementParty.objects.filter(partner__in=partners, number_key=number_key(number))
        .exclude(agreement_id=exclude or 0)  # 0: no agreement has it
        .select_related("partner")
        .first()
    )
    if taken is not None:
        raise DuplicateAgreementNumber(number=number, partner=taken.partner.name)


def _set_parties(agreement: Agreement, partners: list[Partner]) -> None:
    key = number_key(agreement.number)
    agreement.parties.exclude(partner__in=partners).delete()
    agreement.parties.update(number_key=key)
    have = set(agreement.parties.values_list("partner_id", flat=True))
    AgreementParty.objects.bulk_create(
        [
            AgreementParty(agreement=agreement, partner=p, number_key=key)
            for p in partners
            if p.pk not in have
        ]
    )


def _attach(agreement: Agreement, document: UploadedFile | None) -> None:
    if document is None:
        return
    check_pdf(document)
    old = agreement.document.name if agreement.document else ""
    agreement.document_name = (document.name or "")[:255]
    agreement.document.save("signed.pdf", document, save=False)
    if old:
        # Remove the replaced file only once the new one is committed.
        storage = agreement.document.storage
        transaction.on_commit(lambda: storage.delete(old))


def create_agreement(
    fields: Mapping[str, Any],
    *,
    partners: Iterable[Partner],
    by: User | None,
    document: UploadedFile | None = None,
    token: str | None = None,
) -> Agreement:
    """A new agreement (a draft unless ``fields`` say otherwise) with its parties and signed
    document. Raises AgreementWithoutPartner, AgreementDates, DuplicateAgreementNumber, NotAPdf
    or DocumentTooLarge; the same form sent twice (``token``) returns the first agreement."""
    values = _only(fields, AGREEMENT_FIELDS)
    chosen = list(partners)
    if token and (existing := Agreement.objects.filter(form_token=token).first()):
        return existing
    _check_agreement(values, chosen, None)
    if document is not None:
        check_pdf(document)
    try:
        with transaction.atomic():
            agreement = Agreement(**values, form_token=token or None)
            _attach(agreement, document)
            agreement.save()
            _set_parties(agreement, chosen)
            AgreementStatusChange.objects.create(agreement=agreement, new=agreement.status, by=by)
    except IntegrityError:
        if token and (existing := Agreement.objects.filter(form_token=token).first()):
            return existing
        _check_number(values["number"], chosen, None)  # names the twin that won the race
        raise
    return agreement


def change_agreement(
    agreement: Agreement,
    fields: Mapping[str, Any],
    *,
    partners: Iterable[Partner],
    document: UploadedFile | None = None,
) -> Agreement:
    """Save an agreement's data, parties and (when given) a new signed document; the status is
    left to ``set_status``. Raises what ``create_agreement`` raises."""
    values = _only(fields, AGREEMENT_FIELDS)
    chosen = list(partners)
    _check_agreement(values, chosen, agreement.pk)
    if document is not None:
        check_pdf(document)
    try:
        with transaction.atomic():
            for name, value in values.items():
                setattr(agreement, name, value)
            _attach(agreement, document)
            agreement.save()
            _set_parties(agreement, chosen)
    except IntegrityError:
        _check_number(values["number"], chosen, agreement.pk)
        raise
    return agreement


def set_status(
    agreement: Agreement,
    new: str,
    *,
    by: User | None,
    note: str = "",
    expected: str | None = None,
    today: date | None = None,
) -> Agreement:
    """Move the agreement to ``new`` if TRANSITIONS allow it, and write who and when.

    The UPDATE is conditional on the status the caller saw, so of two clicks (or a click and
    the worker) only one changes it; the other raises AgreementChanged. Raises
    StatusChangeNotAllowed, NotSignedYet or AlreadyEnded for an activation that makes no sense.
    ``expected`` is the status the person saw on their form (a second submission saw the old).
    """
    today = today or timezone.localdate()
    old = agreement.status
    labels = dict(AgreementStatus.choices)
    if expected is not None and expected != old:
        raise AgreementChanged(number=agreement.number, status=labels[old])
    if new not in TRANSITIONS.get(old, frozenset()):
        if old == new:
            raise AgreementChanged(number=agreement.number, status=labels[old])
        raise StatusChangeNotAllowed(
            number=agreement.number, old=labels[old], new=labels.get(new, new)
        )
    if new == AgreementStatus.ACTIVE:
        if agreement.signed_on is None:
            raise NotSignedYet(number=agreement.number)
        if agreement.ends_on < today:
            raise AlreadyEnded(number=agreement.number, end=agreement.ends_on)
    with transaction.atomic():
        changed = Agreement.objects.filter(pk=agreement.pk, status=old).update(
            status=new, updated_at=timezone.now()
        )
        if changed != 1:
            current = Agreement.objects.values_list("status", flat=True).get(pk=agreement.pk)
            raise AgreementChanged(number=agreement.number, status=labels[current])
        AgreementStatusChange.objects.create(
            agreement=agreement, old=old, new=new, by=by, note=note[:300]
        )
    agreement.status = new
    return agreement


def expire_agreements(today: date | None = None) -> int:
    """Active agreements whose end date has passed become expired (by nobody: the worker)."""
    today = today or timezone.localdate()
    expired = 0
    for agreement in Agreement.objects.filter(status=AgreementStatus.ACTIVE, ends_on__lt=today):
        try:
            set_status(agreement, AgreementStatus.EXPIRED, by=None, today=today)
        except AgreementChanged:
            continue  # someone changed it meanwhile; their change stands
        expired += 1
    return expired

"""Forms of the partner screens. Create forms carry a one-time token (double submissions make
one row); the rules that need the database (numbers unique per partner) are the services',
whose errors the views put on the field they concern."""

from __future__ import annotations

import re
import secrets
from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from simpul.accounts.models import User
from simpul.lib.errors import SimpulError
from simpul.libraries.choices import STAFF_ROLES
from simpul.libraries.models import Library, LibraryQuerySet
from simpul.members.forms import check_phone
from simpul.network.choices import (
    TRANSITIONS,
    AgreementKind,
    AgreementScope,
    AgreementStatus,
    PartnerKind,
)
from simpul.network.models import Agreement, Contact, Partner, PartnerQuerySet
from simpul.network.services import check_pdf

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Letters, digits and what numbering schemes use: 027/PKS/DPK-MTR/2025, 12.3-MoU (2024).
NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/.\-_() ]*$")


def new_token() -> str:
    return secrets.token_urlsafe(24)


class TokenMixin(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def set_token(self) -> None:
        if not self.is_bound:
            self.fields["token"].initial = new_token()


class StaffChoiceField(forms.ModelChoiceField):
    """Staff by the names people know them by."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class PartnerForm(TokenMixin, forms.ModelForm):
    website = forms.URLField(
        label=_("situs web"), required=False, max_length=200, assume_scheme="https"
    )
    libraries = forms.ModelMultipleChoiceField(
        label=_("Perpustakaan jaringan yang bekerja sama"),
        queryset=Library.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Partner
        fields = ["name", "kind", "city", "country", "website", "address", "notes", "is_active"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, libraries: LibraryQuerySet, must_link: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["libraries"]).queryset = libraries
        self.fields["libraries"].required = must_link
        if must_link:
            self.fields["libraries"].help_text = _(
                "Pilih paling sedikit satu perpustakaan Anda: mitra tampil bagi petugas "
                "perpustakaan yang ditautkan."
            )
        if self.instance.pk:
            self.fields["libraries"].initial = list(
                self.instance.libraries.filter(pk__in=libraries)
            )
        self.set_token()

    def partner_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "position", "email", "phone"]

    def clean_phone(self) -> str:
        return check_phone(self.cleaned_data["phone"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("email") and not data.get("phone") and not self.errors:
            self.add_error("email", _("Isi alamat e-mail atau nomor telepon (atau keduanya)."))
        return data

    def contact_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AgreementForm(TokenMixin, forms.ModelForm):
    field_order = [
        "kind", "number", "title", "partners", "library", "signed_on", "starts_on", "ends_on",
        "scope", "responsible", "document",
    ]  # fmt: skip
    partners = forms.ModelMultipleChoiceField(
        label=_("Mitra (pihak perjanjian)"),
        queryset=Partner.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih paling sedikit satu mitra untuk perjanjian ini.")},
    )
    scope = forms.MultipleChoiceField(
        label=_("Ruang lingkup"),
        choices=AgreementScope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih paling sedikit satu ruang lingkup kerja sama.")},
    )
    responsible = StaffChoiceField(
        label=_("Penanggung jawab (menerima pengingat)"),
        queryset=User.objects.none(),
        required=False,
    )
    document = forms.FileField(
        label=_("Dokumen bertanda tangan (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    class Meta:
        model = Agreement
        fields = ["kind", "number", "title", "library", "signed_on", "starts_on", "ends_on"]
        widgets = {"signed_on": DATE_INPUT, "starts_on": DATE_INPUT, "ends_on": DATE_INPUT}
        labels = {"library": _("Pihak perpustakaan (jaringan Kota Metro)")}
        help_texts = {"number": _("Nomor surat perjanjian, misalnya 027/PKS/DPK-MTR/2025.")}

    def __init__(
        self,
        *args: Any,
        partners: PartnerQuerySet,
        libraries: LibraryQuerySet,
        max_mb: str,
        others: bool = False,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["partners"]).queryset = partners
        # Partners outside the editor's scope stay on the agreement, so choosing none is fine.
        self.fields["partners"].required = not others
        cast(forms.ModelChoiceField, self.fields["library"]).queryset = libraries
        staff = User.objects.filter(roles__role__in=STAFF_ROLES, is_active=True).distinct()
        responsible = cast(forms.ModelChoiceField, self.fields["responsible"])
        responsible.queryset = staff.order_by("full_name", "username")
        self.fields["document"].help_text = _("Hanya PDF, paling besar {size} MB.").format(
            size=max_mb
        )
        self.fields["kind"].initial = AgreementKind.PKS
        if self.instance.pk:
            self.fields["partners"].initial = list(self.instance.partners.filter(pk__in=partners))
            self.fields["scope"].initial = self.instance.scope
            self.fields["responsible"].initial = self.instance.responsible_id
        self.set_token()

    def clean_number(self) -> str:
        number = " ".join(self.cleaned_data["number"].split())
        if not NUMBER.match(number):
            raise forms.ValidationError(
                _("Nomor hanya boleh berisi huruf, angka, spasi dan tanda / . - _ ( )."),
                code="number",
            )
        return number

    def clean_document(self) -> UploadedFile | None:
        document = self.cleaned_data.get("document")
        if not document:
            return None
        try:
            check_pdf(document)
        except SimpulError as error:
            raise forms.ValidationError(error.message, code=error.code) from None
        return document

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends, signed = data.get("starts_on"), data.get("ends_on"), data.get("signed_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("Tanggal berakhir tidak boleh sebelum tanggal mulai."))
        elif signed and ends and signed > ends:
            self.add_error(
                "signed_on", _("Tanggal tanda tangan tidak boleh sesudah tanggal berakhir.")
            )
        return data

    def agreement_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = {name: data[name] for name in self.Meta.fields}
        fields["scope"] = [code for code in AgreementScope.values if code in data["scope"]]
        fields["responsible"] = data.get("responsible")
        return fields


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status baru"), choices=())
    expected = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any):
        super().__init__(*args, **kwargs)
        labels = dict(AgreementStatus.choices)
        allowed = TRANSITIONS.get(agreement.status, frozenset())
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            (code, labels[code]) for code in AgreementStatus.values if code in allowed
        ]
        self.fields["expected"].initial = agreement.status


class PartnerFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Jenis"), choices=[("", _("Semua jenis")), *PartnerKind.choices], required=False
    )
    q = forms.CharField(label=_("Nama atau kota"), required=False, max_length=100)


class AgreementFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Jenis"), choices=[("", _("Semua jenis")), *AgreementKind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Semua status")), *AgreementStatus.choices],
        required=False,
    )
    expiring = forms.BooleanField(label=_("Berakhir dalam 90 hari"), required=False)

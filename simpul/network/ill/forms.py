"""The form of the ISO 18626 peers screen (network administrators)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from simpul.libraries.models import Library
from simpul.network.ill.models import IllPeer
from simpul.network.ill.outbox import AGENCY_TYPE

# agencyIdType is a short code (ISIL, SIMPUL, OCLC ...); agencyIdValue any id without spaces.
AGENCY_TYPE_RE = re.compile(r"^[A-Za-z0-9._\-]{1,50}$")
AGENCY_VALUE_RE = re.compile(r"^[^\s]{1,100}$")


class PeerForm(forms.ModelForm):
    """One peer. On an existing peer an empty secret keeps the stored one; "no secret" clears
    it. The agency id pair is unique (the constraint's own message on a duplicate)."""

    endpoint_url = forms.URLField(
        label=_("Alamat ISO 18626"),
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Misalnya https://simpul.perpustakaan-lain.example/iso18626"),
    )
    shared_secret = forms.CharField(
        label=_("Kode rahasia bersama"),
        max_length=200,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("Sama di kedua server; dikirim di requestingAgencyAuthentication."),
    )
    clear_secret = forms.BooleanField(label=_("Tanpa kode rahasia"), required=False)

    class Meta:
        model = IllPeer
        fields = ["name", "agency_id_type", "agency_id_value", "endpoint_url", "active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["shared_secret"].help_text = _(
                "Kosongkan untuk tetap memakai kode yang tersimpan."
            )
        else:
            del self.fields["clear_secret"]
        self.order_fields(["name", "agency_id_type", "agency_id_value", "endpoint_url"])

    def clean_name(self) -> str:
        return str(self.cleaned_data["name"]).strip()

    def clean_agency_id_type(self) -> str:
        value = str(self.cleaned_data["agency_id_type"]).strip()
        if not AGENCY_TYPE_RE.match(value):
            raise forms.ValidationError(
                _("Tulis kode jenis ID tanpa spasi, mis. ISIL atau SIMPUL."), code="agency_type"
            )
        return value

    def clean_agency_id_value(self) -> str:
        value = str(self.cleaned_data["agency_id_value"]).strip()
        if not AGENCY_VALUE_RE.match(value):
            raise forms.ValidationError(_("ID lembaga tidak boleh berisi spasi."), code="agency")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, value = data.get("agency_id_type"), data.get("agency_id_value")
        if kind == AGENCY_TYPE and Library.objects.filter(code=value).exists():
            self.add_error(
                "agency_id_value",
                forms.ValidationError(
                    _("{agency} adalah perpustakaan di server ini, bukan mitra.").format(
                        agency=f"{kind}:{value}"
                    ),
                    code="own_library",
                ),
            )
        return data

    def save(self, commit: bool = True) -> IllPeer:
        peer = super().save(commit=False)
        secret = self.cleaned_data.get("shared_secret", "")
        if self.cleaned_data.get("clear_secret"):
            peer.shared_secret = ""
        elif secret or not peer.pk:
            peer.shared_secret = secret
        if commit:
            peer.save()
        return peer

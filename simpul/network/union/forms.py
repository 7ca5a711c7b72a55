"""Forms of the union catalog's staff screens."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _

from simpul.libraries.models import LibraryQuerySet
from simpul.network.union.errors import BadSourceUrl
from simpul.network.union.models import HarvestSource


class HarvestSourceForm(forms.ModelForm):
    base_url = forms.URLField(
        label=_("alamat OAI-PMH"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Alamat dasar, misalnya https://repository.sekolah.sch.id/oai"),
    )

    class Meta:
        model = HarvestSource
        fields = [
            "library",
            "base_url",
            "metadata_prefix",
            "set_spec",
            "interval_hours",
            "record_url",
            "is_active",
        ]

    def __init__(self, *args: Any, libraries: LibraryQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["library"].queryset = libraries  # type: ignore[attr-defined]
        self.fields["interval_hours"].min_value = 1  # type: ignore[attr-defined]

    def clean_base_url(self) -> str:
        url = str(self.cleaned_data["base_url"]).strip()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
            raise forms.ValidationError(BadSourceUrl(url=url).message)
        return url

    def clean_interval_hours(self) -> int:
        hours = int(self.cleaned_data["interval_hours"])
        if hours < 1:
            raise forms.ValidationError(_("Paling sedikit setiap 1 jam."))
        return hours


class SlimsNodeForm(forms.Form):
    node_id = forms.CharField(
        label=_("ID simpul (node ID)"),
        max_length=64,
        help_text=_("Isian “Node ID” di pengaturan UCS SLiMS sekolah."),
    )
    password = forms.CharField(
        label=_("Kata sandi simpul"),
        min_length=8,
        max_length=128,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Isian “Node password” di pengaturan UCS SLiMS; disimpan tersandi."),
    )
    record_url = forms.CharField(
        label=_("Tautan rekaman di OPAC mereka"),
        max_length=500,
        required=False,
        help_text=_("Misalnya http://slims.sekolah.sch.id/index.php?p=show_detail&id={id}"),
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas MARC, MARCXML atau CSV"),
        help_text=_("Paling besar 20 MB; berkas lebih besar diunggah petugas jaringan."),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("auto", _("kenali sendiri")),
            ("marc", "MARC (ISO 2709)"),
            ("marcxml", "MARCXML"),
            ("csv", "CSV"),
        ],
        initial="auto",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Berkas lebih dari 20 MB."))
        return upload


MAX_UPLOAD = 20 * 1024 * 1024

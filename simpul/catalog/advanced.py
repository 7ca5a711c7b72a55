"""The advanced search form: fields that become the same query the search box takes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from simpul.catalog.choices import LANGUAGES, MaterialType
from simpul.libraries.models import Library

# form field -> the search language's field prefix
PREFIXES = {
    "judul": "judul",
    "pengarang": "pengarang",
    "subjek": "subjek",
    "isbn": "isbn",
    "penerbit": "penerbit",
    "seri": "seri",
}


class AdvancedSearchForm(forms.Form):
    semua = forms.CharField(label=_("Semua kata"), required=False, max_length=200)
    frasa = forms.CharField(label=_("Frasa persis"), required=False, max_length=200)
    judul = forms.CharField(label=_("Judul"), required=False, max_length=200)
    pengarang = forms.CharField(label=_("Pengarang"), required=False, max_length=200)
    subjek = forms.CharField(label=_("Subjek"), required=False, max_length=200)
    isbn = forms.CharField(label=_("ISBN"), required=False, max_length=32)
    penerbit = forms.CharField(label=_("Penerbit"), required=False, max_length=200)
    seri = forms.CharField(label=_("Seri"), required=False, max_length=200)
    tahun = forms.CharField(
        label=_("Tahun terbit"),
        required=False,
        max_length=9,
        help_text=_("Satu tahun (2020) atau rentang (2010-2020)."),
    )
    bahasa = forms.ChoiceField(label=_("Bahasa"), required=False)
    jenis = forms.ChoiceField(label=_("Jenis bahan"), required=False)
    perpustakaan = forms.ChoiceField(label=_("Perpustakaan"), required=False)
    tersedia = forms.BooleanField(label=_("Hanya yang tersedia sekarang"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("bahasa", [(code, str(name)) for code, name in LANGUAGES.items()])
        self._choices("jenis", [(t.value, str(t.label)) for t in MaterialType])
        self._choices("perpustakaan", list(Library.objects.public().values_list("code", "name")))

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Semua")), *choices]

    def clean_tahun(self) -> str:
        raw = self.cleaned_data["tahun"].replace(" ", "").replace("–", "-")
        parts = raw.split("-") if raw else []
        if parts and not all(part.isdigit() and len(part) == 4 for part in parts[:2]):
            raise forms.ValidationError(_("Tulis tahun dengan empat angka, misalnya 2020."))
        return raw

    def search_url(self, base: str) -> str:
        """The OPAC URL this form means."""
        data = self.cleaned_data
        words = [data["semua"].strip()] if data["semua"].strip() else []
        if data["frasa"].strip():
            words.append('"' + data["frasa"].replace('"', " ").strip() + '"')
        for field, prefix in PREFIXES.items():
            value = data[field].replace('"', " ").strip()
            if value:
                words.append(f'{prefix}:"{value}"' if " " in value else f"{prefix}:{value}")
        if data["tahun"]:
            words.append(f"tahun:{data['tahun']}")
        params: list[tuple[str, str]] = [("q", " ".join(words))]
        params += [(name, data[name]) for name in ("bahasa", "jenis", "perpustakaan") if data[name]]
        if data["tersedia"]:
            params.append(("tersedia", "1"))
        return f"{base}?{urlencode(params)}"

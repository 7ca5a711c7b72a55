from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from simpul.catalog.choices import Acquisition, ItemStatus, ItemType
from simpul.catalog.covers import MAX_BYTES as MAX_COVER_BYTES
from simpul.catalog.covers import CoverImages, prepare_cover
from simpul.catalog.marc.isbn import isbn_error
from simpul.catalog.marc.writer import SimpleRecord
from simpul.catalog.models import Item
from simpul.lib.errors import SimpulError
from simpul.libraries.models import Library

IMPORT_FORMATS = [
    ("auto", _("Kenali otomatis")),
    ("marc", _("MARC21 (ISO 2709)")),
    ("marcxml", _("MARCXML")),
    ("csv", _("CSV (kolom terdokumentasi, SLiMS, INLISLite)")),
]


ENCODINGS = [
    ("auto", _("Kenali otomatis (UTF-8 atau MARC-8)")),
    ("utf-8", "UTF-8"),
    ("marc8", "MARC-8"),
    ("cp1252", _("Windows-1252 (Excel lama)")),
    ("cp1251", _("Windows-1251 (Sirilik)")),
    ("latin-1", "ISO-8859-1"),
]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Berkas katalog"))
    format = forms.ChoiceField(
        label=_("Format"), choices=IMPORT_FORMATS, initial="auto", required=False
    )
    encoding = forms.ChoiceField(
        label=_("Pengodean karakter"),
        choices=ENCODINGS,
        initial="auto",
        required=False,
        help_text=_("Ubah hanya bila huruf hasil impor tampak kacau."),
    )

    def clean_format(self) -> str:
        return self.cleaned_data.get("format") or "auto"

    def clean_encoding(self) -> str:
        return self.cleaned_data.get("encoding") or "auto"

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar ({size} MB); batasnya {limit} MB.").format(
                    size=upload.size // (1024 * 1024),
                    limit=settings.IMPORT_MAX_BYTES // (1024 * 1024),
                )
            )
        if upload.size == 0:
            raise forms.ValidationError(_("Berkas kosong."))
        return upload


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class SimpleRecordForm(forms.Form):
    """The cataloguing form for librarians who are not MARC experts."""

    title = forms.CharField(label=_("Judul"), max_length=500)
    subtitle = forms.CharField(label=_("Anak judul"), max_length=500, required=False)
    authors = forms.CharField(
        label=_("Pengarang"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu nama per baris; yang pertama menjadi pengarang utama."),
    )
    publisher = forms.CharField(label=_("Penerbit"), max_length=200, required=False)
    place = forms.CharField(label=_("Tempat terbit"), max_length=100, required=False)
    year = forms.IntegerField(
        label=_("Tahun terbit"), required=False, min_value=1000, max_value=2100
    )
    isbn = forms.CharField(label=_("ISBN"), max_length=32, required=False)
    subjects = forms.CharField(
        label=_("Subjek"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu subjek per baris, misalnya: Novel Indonesia"),
    )
    ddc = forms.CharField(label=_("Nomor klasifikasi (DDC)"), max_length=32, required=False)
    language = forms.ChoiceField(
        label=_("Bahasa"),
        choices=[
            ("ind", _("Indonesia")),
            ("eng", _("Inggris")),
            ("jav", _("Jawa")),
            ("ara", _("Arab")),
            ("may", _("Melayu")),
            ("und", _("Lainnya")),
        ],
        initial="ind",
    )
    pages = forms.IntegerField(
        label=_("Jumlah halaman"), required=False, min_value=1, max_value=100000
    )
    edition = forms.CharField(label=_("Edisi"), max_length=100, required=False)
    series = forms.CharField(label=_("Seri"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("Ringkasan"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    cover = forms.FileField(
        label=_("Gambar sampul (JPEG/PNG, maks. 2 MB)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    def clean_isbn(self) -> str:
        raw = self.cleaned_data["isbn"].strip()
        if raw and (reason := isbn_error(raw)):
            raise forms.ValidationError(reason)
        return raw

    def clean_cover(self) -> CoverImages | None:
        """The upload decoded and redrawn (covers.prepare_cover); None when none was sent."""
        cover = self.cleaned_data.get("cover")
        if not cover:
            return None
        if cover.size > MAX_COVER_BYTES:
            raise forms.ValidationError(_("Gambar sampul lebih dari 2 MB."))
        try:
            return prepare_cover(cover)
        except SimpulError as error:
            raise forms.ValidationError(error.message, code=error.code) from error

    def simple_record(self) -> SimpleRecord:
        """The cleaned form as the MARC writer's input."""
        data = self.cleaned_data
        return SimpleRecord(
            title=data["title"],
            subtitle=data["subtitle"],
            authors=self.author_list(),
            publisher=data["publisher"],
            place=data["place"],
            year=data["year"],
            isbn=data["isbn"],
            subjects=self.subject_list(),
            ddc=data["ddc"],
            language=data["language"],
            pages=data["pages"],
            summary=data["summary"],
            series=data["series"],
            edition=data["edition"],
        )

    def author_list(self) -> list[str]:
        return _lines(self.cleaned_data.get("authors", ""))

    def subject_list(self) -> list[str]:
        return _lines(self.cleaned_data.get("subjects", ""))


class MarcEditorForm(forms.Form):
    """MARC as text, one field per line: ``245 10 $aTitle :$bsubtitle /$cauthor.``"""

    leader = forms.CharField(label=_("Leader"), max_length=24, min_length=24)
    marc_fields = forms.CharField(
        label=_("Ruas"),
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "false", "class": "marc-text"}),
        help_text=_(
            "Satu ruas per baris: tag, dua indikator (pakai _ untuk kosong), lalu subruas "
            "$a...; ruas kendali 001–009 langsung diikuti isinya."
        ),
    )


class ItemForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = [
            "library",
            "barcode",
            "location",
            "call_number",
            "item_type",
            "status",
            "acquisition",
            "price",
            "acquired_on",
        ]
        widgets = {"acquired_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, libraries: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        library_field = self.fields["library"]
        assert isinstance(library_field, forms.ModelChoiceField)
        library_field.queryset = libraries if libraries is not None else Library.objects.none()
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = [(s.value, s.label) for s in (ItemStatus.AVAILABLE, ItemStatus.ON_ORDER)]
        item_type = self.fields["item_type"]
        assert isinstance(item_type, forms.ChoiceField)
        item_type.choices = ItemType.choices
        acquisition = self.fields["acquisition"]
        assert isinstance(acquisition, forms.ChoiceField)
        acquisition.choices = [("", "—"), *Acquisition.choices]

    def validate_unique(self) -> None:
        """Barcode uniqueness is services.add_item's job: it names the owner and stops races."""

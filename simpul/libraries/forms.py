from __future__ import annotations

from datetime import time
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from simpul.libraries.choices import ClosureKind, LibraryKind, Weekday
from simpul.libraries.hours import Session
from simpul.libraries.models import Library


class DirectoryFilterForm(forms.Form):
    jenis = forms.ChoiceField(
        label=_("Jenis perpustakaan"),
        required=False,
        choices=[("", _("Semua jenis")), *LibraryKind.choices],
    )
    q = forms.CharField(label=_("Cari nama atau alamat"), required=False, max_length=100)


class LibraryForm(forms.ModelForm):
    website = forms.URLField(
        label=_("situs web"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Library
        fields = [
            "name",
            "kind",
            "description",
            "address",
            "district",
            "city",
            "province",
            "postal_code",
            "latitude",
            "longitude",
            "phone",
            "email",
            "website",
            "lends_to_network",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class NewLibraryForm(LibraryForm):
    class Meta(LibraryForm.Meta):
        fields = ["code", *LibraryForm.Meta.fields]


class ClosureForm(forms.Form):
    """A closed day. Uniqueness per day is the service's job (it also guards races)."""

    date = forms.DateField(
        label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    name = forms.CharField(label=_("Nama atau alasan"), max_length=200)
    kind = forms.ChoiceField(label=_("Jenis"))
    note = forms.CharField(label=_("Catatan"), max_length=200, required=False)

    def __init__(self, *args: Any, local: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = (
            [ClosureKind.LOCAL]
            if local
            else [ClosureKind.NATIONAL_HOLIDAY, ClosureKind.COLLECTIVE_LEAVE]
        )
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ChoiceField)
        kind_field.choices = [(k.value, k.label) for k in kinds]


TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class OpeningHoursForm(forms.Form):
    """Seven rows of up to two sessions; an empty row means closed that day."""

    SESSIONS = 2

    def __init__(self, *args: Any, week: dict[int, list[Session]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        week = week or {}
        for day in Weekday:
            sessions = week.get(day.value, [])
            for n in range(self.SESSIONS):
                opens, closes = sessions[n] if n < len(sessions) else (None, None)
                for part, value in (("opens", opens), ("closes", closes)):
                    self.fields[f"d{day.value}_{n}_{part}"] = forms.TimeField(
                        label=_("{day}, sesi {n}: {part}").format(
                            day=day.label,
                            n=n + 1,
                            part=_("buka") if part == "opens" else _("tutup"),
                        ),
                        required=False,
                        initial=value,
                        widget=TIME_WIDGET,
                    )

    def rows(self) -> list[tuple[str, list[tuple[forms.BoundField, forms.BoundField]]]]:
        return [
            (
                str(day.label),
                [
                    (self[f"d{day.value}_{n}_opens"], self[f"d{day.value}_{n}_closes"])
                    for n in range(self.SESSIONS)
                ],
            )
            for day in Weekday
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        week: dict[int, list[Session]] = {}
        for day in Weekday:
            week[day.value] = []
            for n in range(self.SESSIONS):
                opens: time | None = data.get(f"d{day.value}_{n}_opens")
                closes: time | None = data.get(f"d{day.value}_{n}_closes")
                if opens is None and closes is None:
                    continue
                if opens is None or closes is None:
                    self.add_error(
                        f"d{day.value}_{n}_opens",
                        _("Isi jam buka dan jam tutup, atau kosongkan keduanya."),
                    )
                    continue
                week[day.value].append((opens, closes))
        data["week"] = week
        return data

"""The copy-cataloguing search form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

KIND_CHOICES = [
    ("title", _("Judul")),
    ("author", _("Pengarang")),
    ("isbn", _("ISBN")),
    ("any", _("Semua kolom")),
]


class CopySearchForm(forms.Form):
    server = forms.ChoiceField(label=_("Server SRU"))
    kind = forms.ChoiceField(label=_("Cari di"), choices=KIND_CHOICES, initial="title")
    q = forms.CharField(label=_("Kata pencarian"), max_length=300)

    def __init__(self, *args: Any, targets: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        server = self.fields["server"]
        assert isinstance(server, forms.ChoiceField)
        server.choices = [(name, name) for name in targets]

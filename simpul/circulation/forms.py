"""Forms of the desk and of the loan-rules screen."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from simpul.circulation.models import LoanRule
from simpul.lib.money import parse_rupiah


class RupiahField(forms.Field):
    """An amount as people type it ("12500", "12.500", "Rp 12.500"), cleaned to whole Rupiah."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 20})

    def to_python(self, value: Any) -> int | None:
        text = str(value or "").strip()
        if not text:
            return None
        amount = parse_rupiah(text)
        if amount is None:
            raise forms.ValidationError(_("Tulis jumlah dalam rupiah, misalnya 12.500."))
        return amount


class PaymentForm(forms.Form):
    jumlah = RupiahField(label=_("Jumlah diterima (Rp)"))


class WaiveForm(forms.Form):
    jumlah = RupiahField(label=_("Jumlah dihapus (Rp)"))
    alasan = forms.CharField(label=_("Alasan"), max_length=300)


class ChargeForm(forms.Form):
    """Lost or damaged: the replacement charge (empty: the item's price) and a note."""

    jumlah = RupiahField(label=_("Biaya penggantian (Rp)"), required=False)
    catatan = forms.CharField(label=_("Catatan"), max_length=300, required=False)


class LoanRuleForm(forms.ModelForm):
    """A rule of this library, or (for network administrators) a network-wide one."""

    scope = forms.ChoiceField(label=_("Berlaku di"), choices=[])

    class Meta:
        model = LoanRule
        fields = [
            "category", "item_type", "loan_days", "renewals", "max_items",
            "fine_per_day", "grace_days", "fine_cap",
        ]  # fmt: skip
        help_texts = {
            "category": _("Kosong: semua kategori anggota."),
            "item_type": _("Kosong: semua jenis eksemplar."),
            "max_items": _("0 berarti jenis ini tidak dipinjamkan (baca di tempat)."),
            "grace_days": _("Terlambat sampai sekian hari tidak didenda."),
            "fine_cap": _("Denda satu peminjaman tidak lebih dari ini; 0 berarti tanpa batas."),
        }

    def __init__(self, *args: Any, library_name: str, network: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("library", library_name)]
        if network:
            choices.append(("network", str(_("Seluruh jaringan"))))
        scope = self.fields["scope"]
        assert isinstance(scope, forms.ChoiceField)
        scope.choices = choices
        scope.initial = (
            "network" if self.instance.pk and self.instance.library_id is None else "library"
        )
        self.order_fields(["scope"])

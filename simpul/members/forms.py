"""Registration and profile forms. The rules that need several fields at once (NIK against the
birth date and gender, a guardian for children, the age limit of a category) live in clean()."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, cast

from django import forms
from django.contrib.auth import password_validation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simpul.accounts.models import User
from simpul.libraries.models import Library
from simpul.members.choices import Domicile
from simpul.members.models import Member, MemberCategory
from simpul.members.nik import nik_problems, normalize_nik
from simpul.members.validity import GUARDIAN_AGE, age_on

METRO = "Kota Metro"
OLDEST = 120  # years; an older birth date is a typing error
_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-.]{6,22}$")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def check_phone(value: str) -> str:
    value = value.strip()
    digits = re.sub(r"\D", "", value)
    if value and (not _PHONE.match(value) or not 8 <= len(digits) <= 15):
        raise forms.ValidationError(
            _("Tulis nomor telepon dengan angka saja, misalnya 0812 3456 7890."), code="phone"
        )
    return value


def clean_city(form: forms.ModelForm, data: dict[str, Any]) -> None:
    """ "Kota Metro" or the city written in: the city field only counts for "elsewhere"."""
    if data.get("domicile") == Domicile.ELSEWHERE:
        city = " ".join((data.get("city") or "").split())
        if not city or city.casefold() == METRO.casefold():
            form.add_error("city", _("Tulis kota atau kabupaten tempat tinggal Anda."))
        data["city"] = city
    else:
        data["city"] = METRO


class MemberForm(forms.ModelForm):
    """The person's data, shared by the online and the desk registration and by staff edits."""

    domicile = forms.ChoiceField(
        label=_("Tempat tinggal"),
        choices=Domicile.choices,
        initial=Domicile.METRO,
        widget=forms.RadioSelect,
    )
    # Longer than 16: the spaces and dots people type are taken out in clean_nik.
    nik = forms.CharField(
        label=_("NIK"),
        max_length=24,
        required=False,
        help_text=_("Boleh dikosongkan. 16 angka, seperti di KTP atau Kartu Keluarga."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = Member
        fields = [
            "full_name", "birth_date", "gender", "nik", "domicile", "address", "city", "phone",
            "email", "school_or_work", "category", "guardian_name", "guardian_phone",
        ]  # fmt: skip
        widgets = {"birth_date": DATE_INPUT}
        labels = {"city": _("Kota/kabupaten (jika di luar Kota Metro)")}
        help_texts = {
            "guardian_name": _("Wajib untuk anak di bawah 13 tahun dan kategori Anak."),
            "school_or_work": _("Nama sekolah, kampus, atau tempat bekerja."),
        }

    def __init__(self, *args: Any, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["city"].required = False
        self.fields["gender"].required = True
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        if self.instance.city != METRO:
            self.initial["domicile"] = Domicile.ELSEWHERE
        else:  # the city field is only for "elsewhere"
            self.initial["city"] = ""

    def clean_nik(self) -> str:
        nik = normalize_nik(self.cleaned_data.get("nik", ""))
        if nik and Member.objects.filter(nik=nik).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("NIK ini sudah terdaftar untuk anggota lain. Tanyakan ke petugas perpustakaan."),
                code="nik_taken",
            )
        return nik

    def clean_phone(self) -> str:
        return check_phone(self.cleaned_data.get("phone", ""))

    def clean_guardian_phone(self) -> str:
        return check_phone(self.cleaned_data.get("guardian_phone", ""))

    def clean_birth_date(self) -> date:
        born: date = self.cleaned_data["birth_date"]
        if born > self.today:
            raise forms.ValidationError(_("Tanggal lahir tidak boleh di masa depan."))
        if age_on(born, self.today) > OLDEST:
            raise forms.ValidationError(_("Periksa tahun lahir: usianya lebih dari 120 tahun."))
        return born

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        clean_city(self, data)
        born, category = data.get("birth_date"), data.get("category")
        if data.get("nik"):
            for problem in nik_problems(data["nik"], born, data.get("gender") or ""):
                self.add_error("nik", problem.message)
        if born and category:
            age = age_on(born, self.today)
            if category.max_age is not None and age > category.max_age:
                self.add_error(
                    "category",
                    _("Kategori {category} untuk usia sampai {max} tahun.").format(
                        category=category.name, max=category.max_age
                    ),
                )
            if category.needs_guardian or age < GUARDIAN_AGE:
                for field in ("guardian_name", "guardian_phone"):
                    if not data.get(field):
                        self.add_error(
                            field,
                            _("Wajib diisi untuk anggota di bawah {age} tahun.").format(
                                age=GUARDIAN_AGE
                            ),
                        )
        return data

    def member_fields(self) -> dict[str, Any]:
        """The cleaned values that are Member fields, for the services."""
        data = self.cleaned_data
        return {name: data[name] for name in self.Meta.fields if name != "domicile"}


class OnlineRegistrationForm(MemberForm):
    """Self-registration: chooses a home library, creates an account, and asks for consent."""

    home_library = forms.ModelChoiceField(
        label=_("Perpustakaan tempat mendaftar"),
        queryset=Library.objects.public(),
        help_text=_("Kartu berlaku di semua perpustakaan jaringan; ambil kartu di sini."),
    )
    password1 = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Paling sedikit 8 karakter, jangan hanya angka."),
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    consent = forms.BooleanField(
        label=_(
            "Saya setuju data ini disimpan oleh perpustakaan jaringan Kota Metro untuk "
            "keperluan keanggotaan dan peminjaman."
        ),
        error_messages={"required": _("Centang persetujuan ini untuk mendaftar.")},
    )

    def __init__(self, *args: Any, account: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.account = account
        self.fields["email"].required = True
        self.fields["phone"].required = True
        self.fields["email"].help_text = _("Untuk masuk ke akun Anda dan menerima pemberitahuan.")
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        category = cast(forms.ModelChoiceField, self.fields["category"])
        category.queryset = MemberCategory.objects.filter(self_service=True)
        if account is not None:  # signed in: the membership joins this account
            del self.fields["password1"], self.fields["password2"]
            self.initial.update(
                full_name=account.full_name, email=account.email, phone=account.phone
            )

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        others = User.objects.filter(email__iexact=email)
        if self.account is not None:
            others = others.exclude(pk=self.account.pk)
        if others.exists():
            raise forms.ValidationError(
                _(
                    "Alamat e-mail ini sudah terdaftar. Jika Anda sudah mendaftar, masuk dengan "
                    "e-mail ini (atau pakai “Lupa kata sandi”)."
                ),
                code="email_taken",
            )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        elif first:
            person = User(
                username=data.get("email", ""),
                email=data.get("email", ""),
                full_name=data.get("full_name", ""),
            )
            try:
                password_validation.validate_password(first, person)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class DeskRegistrationForm(MemberForm):
    """Registration in person: active at once; an online account and a photo are optional."""

    with_account = forms.BooleanField(
        label=_("Buatkan akun daring (tautan untuk membuat kata sandi dikirim ke e-mailnya)"),
        required=False,
    )
    photo = forms.ImageField(label=_("Foto (boleh menyusul)"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        email = (data.get("email") or "").lower()
        if data.get("with_account"):
            if not email:
                self.add_error("email", _("Akun daring memerlukan alamat e-mail."))
            elif User.objects.filter(email__iexact=email).exists():
                self.add_error("email", _("Alamat e-mail ini sudah dipakai akun lain."))
        return data


class StaffEditForm(MemberForm):
    photo = forms.ImageField(label=_("Ganti foto"), required=False)

    class Meta(MemberForm.Meta):
        fields = [*MemberForm.Meta.fields, "language"]


class ProfileForm(forms.ModelForm):
    """What members change themselves; name, birth date and NIK are changed at the desk."""

    domicile = MemberForm.base_fields["domicile"]

    class Meta:
        model = Member
        fields = ["phone", "email", "domicile", "address", "city", "language", "keep_history"]
        labels = {"city": _("Kota/kabupaten (jika di luar Kota Metro)")}
        help_texts = {
            "language": _("Bahasa e-mail pemberitahuan dari perpustakaan."),
            "keep_history": _(
                "Jika aktif, daftar buku yang pernah Anda pinjam disimpan dan hanya Anda yang "
                "dapat melihatnya."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].required = False
        self.fields["email"].required = True
        if self.instance.city != METRO:
            self.initial["domicile"] = Domicile.ELSEWHERE
        else:
            self.initial["city"] = ""

    def clean_phone(self) -> str:
        return check_phone(self.cleaned_data.get("phone", ""))

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        clash = User.objects.filter(email__iexact=email)
        if self.instance.user_id:
            clash = clash.exclude(pk=self.instance.user_id)
        if clash.exists():
            raise forms.ValidationError(_("Alamat e-mail ini sudah dipakai akun lain."))
        return email

    def clean(self) -> dict[str, Any]:
        super().clean()
        clean_city(self, self.cleaned_data)
        return self.cleaned_data

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "domicile"}


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), max_length=300, required=False)


class SuspendForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pembekuan"), max_length=300)


class RenewForm(forms.Form):
    # The expiry the person saw: a form sent twice renews once (services.renew_membership).
    seen = forms.DateField(widget=forms.HiddenInput, required=False)


class ApproveForm(forms.Form):
    notify = forms.BooleanField(label=_("Kirim e-mail pemberitahuan"), required=False, initial=True)

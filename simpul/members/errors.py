"""Refusals of the membership use cases and of the NIK check: code, message, values."""

from django.utils.translation import gettext_lazy as _

from simpul.lib.errors import SimpulError


class NikFormat(SimpulError):
    code = "NIK_FORMAT"
    template = _("NIK harus 16 angka, tanpa huruf; yang diisi {length} karakter.")


class NikProvince(SimpulError):
    code = "NIK_PROVINCE"
    template = _("Dua angka pertama NIK ({digits}) bukan kode provinsi di Indonesia.")


class NikRegion(SimpulError):
    code = "NIK_REGION"
    template = _("Angka ke-{start} dan ke-{end} NIK ({part}) tidak boleh 00.")


class NikBirthDate(SimpulError):
    code = "NIK_BIRTH_DATE"
    template = _(
        "Angka ke-7 sampai ke-12 NIK ({digits}) bukan tanggal lahir yang ada. Urutannya "
        "tanggal, bulan, tahun (HHBBTT); untuk perempuan tanggalnya ditambah 40."
    )


class NikBirthDateMismatch(SimpulError):
    code = "NIK_BIRTH_DATE_MISMATCH"
    template = _(
        "Tanggal lahir di NIK ({nik_date}) tidak sama dengan tanggal lahir yang diisi "
        "({birth_date})."
    )


class NikGenderMismatch(SimpulError):
    code = "NIK_GENDER_MISMATCH"
    template = _(
        "Menurut NIK jenis kelaminnya {nik_gender} (pada perempuan tanggal lahir ditambah 40), "
        "tetapi yang diisi {gender}."
    )


class NikSerial(SimpulError):
    code = "NIK_SERIAL"
    template = _("Empat angka terakhir NIK (nomor urut) tidak boleh 0000.")


class NikTaken(SimpulError):
    code = "NIK_TAKEN"
    template = _(
        "NIK {nik} sudah terdaftar sebagai anggota. Jika itu Anda, masuk dengan akun Anda atau "
        "tanyakan ke petugas perpustakaan."
    )
    status = 409


class EmailTaken(SimpulError):
    code = "EMAIL_TAKEN"
    template = _(
        "Alamat e-mail {email} sudah dipakai akun lain. Jika Anda sudah mendaftar, masuk "
        "dengan e-mail itu (atau pakai “Lupa kata sandi”)."
    )
    status = 409


class AlreadyMember(SimpulError):
    code = "ALREADY_MEMBER"
    template = _("Akun ini sudah terhubung dengan keanggotaan {name}.")
    status = 409


class NoEmail(SimpulError):
    code = "MEMBER_NO_EMAIL"
    template = _("{name} belum punya alamat e-mail: isi dulu lewat “Ubah data”.")


class StatusChangeNotAllowed(SimpulError):
    code = "MEMBER_STATUS_CHANGE_NOT_ALLOWED"
    template = _("Keanggotaan {name} tidak dapat berubah dari “{old}” menjadi “{new}”.")
    status = 409


class AlreadyApproved(SimpulError):
    code = "MEMBER_ALREADY_APPROVED"
    template = _("{name} sudah disetujui, dengan nomor anggota {number}.")
    status = 409


class MemberChanged(SimpulError):
    code = "MEMBER_CHANGED"
    template = _(
        "Data keanggotaan {name} baru saja diubah orang lain (atau formulirnya terkirim dua "
        "kali). Muat ulang halaman dan periksa lagi."
    )
    status = 409


class NotRenewable(SimpulError):
    code = "MEMBER_NOT_RENEWABLE"
    template = _("Keanggotaan {name} berstatus “{status}” dan tidak dapat diperpanjang.")
    status = 409


class WrongLibrary(SimpulError):
    code = "MEMBER_WRONG_LIBRARY"
    template = _("{name} mendaftar di {library}; persetujuannya diberikan petugas di sana.")
    status = 403


class UnreadablePhoto(SimpulError):
    code = "MEMBER_PHOTO_UNREADABLE"
    template = _("Foto tidak dapat dibaca: pilih berkas gambar JPEG atau PNG yang utuh.")

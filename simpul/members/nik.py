"""The Nomor Induk Kependudukan (NIK): what its 16 digits say, and whether they can be true.

    PP KK CC DDMMYY SSSS
    |  |  |  |      '-- serial number within the district and birth date (0001 and up)
    |  |  |  '--------- birth date; women add 40 to the day (a woman born on the 5th: 45)
    |  |  '------------ district (kecamatan)
    |  '--------------- regency or city (kabupaten/kota)
    '------------------ province, Kemendagri code

Pure functions, no database: ``nik_problems`` lists everything wrong with a number, each
problem a domain error saying which part is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from simpul.lib.errors import SimpulError
from simpul.members.choices import Gender
from simpul.members.errors import (
    NikBirthDate,
    NikBirthDateMismatch,
    NikFormat,
    NikGenderMismatch,
    NikProvince,
    NikRegion,
    NikSerial,
)

# Province codes of the Ministry of Home Affairs (Kepmendagri 100.1.1-6117/2022), including the
# four Papua provinces formed in 2022. NIKs keep the code of the province that issued them, so
# a code stays valid here even after its region moved to a new province.
PROVINCES: dict[str, str] = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "Daerah Istimewa Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}

FEMALE_DAY_OFFSET = 40
_SEPARATORS = re.compile(r"[\s.\-]")


@dataclass(frozen=True)
class NikParts:
    province: str
    regency: str
    district: str
    day: int  # the day of birth, with the 40 already taken off for women
    month: int
    year2: int  # the last two digits of the year of birth
    gender: str  # Gender.FEMALE or Gender.MALE
    serial: str


def normalize_nik(raw: str) -> str:
    """The NIK as people type it, without the spaces, dots and dashes some put in."""
    return _SEPARATORS.sub("", raw or "")


def split_nik(nik: str) -> NikParts:
    """The parts of a 16-digit NIK (no checks beyond its shape); raises NikFormat."""
    if len(nik) != 16 or not nik.isascii() or not nik.isdigit():
        raise NikFormat(length=len(nik))
    raw_day = int(nik[6:8])
    female = raw_day > FEMALE_DAY_OFFSET
    return NikParts(
        province=nik[0:2],
        regency=nik[2:4],
        district=nik[4:6],
        day=raw_day - FEMALE_DAY_OFFSET if female else raw_day,
        month=int(nik[8:10]),
        year2=int(nik[10:12]),
        gender=Gender.FEMALE if female else Gender.MALE,
        serial=nik[12:16],
    )


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def nik_problems(nik: str, birth_date: date | None = None, gender: str = "") -> list[SimpulError]:
    """Everything wrong with ``nik`` (already normalized), alone and against the birth date
    and gender given with it; an empty list when it can be a real NIK."""
    try:
        parts = split_nik(nik)
    except NikFormat as error:
        return [error]
    problems: list[SimpulError] = []
    if parts.province not in PROVINCES:
        problems.append(NikProvince(digits=parts.province))
    if parts.regency == "00":
        problems.append(NikRegion(start=3, end=4, part=parts.regency))
    if parts.district == "00":
        problems.append(NikRegion(start=5, end=6, part=parts.district))
    # The century is not written: the date must exist in one of the two (29 Feb 00 did).
    if not any(
        _real_date(century + parts.year2, parts.month, parts.day) for century in (1900, 2000)
    ):
        problems.append(NikBirthDate(digits=nik[6:12]))
    elif birth_date is not None and (parts.day, parts.month, parts.year2) != (
        birth_date.day,
        birth_date.month,
        birth_date.year % 100,
    ):
        problems.append(
            NikBirthDateMismatch(
                nik_date=f"{parts.day:02d}-{parts.month:02d}-{parts.year2:02d}",
                birth_date=birth_date.strftime("%d-%m-%y"),
            )
        )
    if gender in Gender.values and gender != parts.gender:
        problems.append(
            NikGenderMismatch(
                nik_gender=str(Gender(parts.gender).label).lower(),
                gender=str(Gender(gender).label).lower(),
            )
        )
    if parts.serial == "0000":
        problems.append(NikSerial())
    return problems

"""The demo's partners and agreements, made through the network services.

Six partners of Kota Metro's libraries (a school, a university, a reading-community forum, a
company's CSR programme, the city's education office and a library abroad), with contacts and
agreements in every status; one active agreement ends within 30 days, so the reminders and the
"segera berakhir" filter have something to show. Idempotent: partners and agreements carry
fixed form tokens, so a second load finds them and changes nothing (edits made in the demo
survive). Illustrative, not records of real agreements; e-mail addresses end in .example.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction

from simpul.demo.network import DemoNetwork
from simpul.network import services
from simpul.network.choices import AgreementKind as K
from simpul.network.choices import AgreementScope as S
from simpul.network.choices import AgreementStatus, PartnerKind
from simpul.network.models import Agreement, Partner

# key -> partner fields, the codes of its libraries and its contacts
PARTNERS: dict[str, dict[str, Any]] = {
    "sman1": {
        "name": "SMA Negeri 1 Metro",
        "kind": PartnerKind.SCHOOL,
        "city": "Kota Metro",
        "address": "Jl. Ki Hajar Dewantara No. 110, Iringmulyo, Metro Timur",
        "website": "https://sman1metro.example",
        "libraries": ["SMAN1", "KOTA"],
        "contacts": [
            ("Drs. Suharto, M.Pd.", "Kepala Sekolah", "kepsek@sman1metro.example", "0725 41234"),
            ("Agus Prasetyo", "Kepala Perpustakaan", "agus@sman1.example", "0812 7200 1101"),
        ],
    },
    "ummetro": {
        "name": "Universitas Muhammadiyah Metro",
        "kind": PartnerKind.UNIVERSITY,
        "city": "Kota Metro",
        "address": "Jl. Ki Hajar Dewantara No. 116, Iringmulyo, Metro Timur",
        "website": "https://ummetro.example",
        "libraries": ["UMMETRO", "KOTA"],
        "contacts": [
            ("Dr. Rahmat Hidayat", "Wakil Rektor I", "wr1@ummetro.example", "0725 42445"),
            ("Lina Marlina, S.IP.", "Kepala UPT Perpustakaan", "upt@ummetro.example", ""),
        ],
    },
    "forum-tbm": {
        "name": "Forum Taman Bacaan Masyarakat Kota Metro",
        "kind": PartnerKind.COMMUNITY,
        "city": "Kota Metro",
        "address": "Jl. Cendana, Yosomulyo, Metro Pusat",
        "notes": "Menaungi TBM di lima kecamatan; kegiatan mendongeng dan lapak baca.",
        "libraries": ["TBM-CAHAYA", "TBM-PELANGI", "KOTA"],
        "contacts": [("Wahyu Nugroho", "Ketua Forum", "forumtbm@metro.example", "0813 6900 2233")],
    },
    "csr-tani": {
        "name": "PT Tani Makmur Lampung (Program CSR)",
        "kind": PartnerKind.COMPANY,
        "city": "Bandar Lampung",
        "address": "Jl. Raden Intan No. 45, Tanjung Karang",
        "libraries": ["KOTA", "KELILING"],
        "contacts": [("Maya Sari", "Staf CSR", "csr@tanimakmur.example", "0721 255 300")],
    },
    "disdik": {
        "name": "Dinas Pendidikan dan Kebudayaan Kota Metro",
        "kind": PartnerKind.GOVERNMENT,
        "city": "Kota Metro",
        "address": "Jl. AH Nasution No. 5, Yosodadi, Metro Timur",
        "libraries": ["KOTA", "SMAN1", "SMAN2", "SMPN3", "SDN5"],
        "contacts": [
            ("Hj. Sri Mulyani, S.Pd.", "Sekretaris Dinas", "disdik@metrokota.example", "")
        ],
    },
    "johor": {
        "name": "Perpustakaan Awam Bandar Johor",
        "kind": PartnerKind.LIBRARY_ABROAD,
        "city": "Johor Bahru",
        "country": "Malaysia",
        "website": "https://perpustakaan-johor.example",
        "libraries": ["KOTA"],
        "contacts": [("Nurul Aisyah binti Ahmad", "Pustakawan", "nurul@pustaka-johor.example", "")],
    },
}

# Agreements: (number, kind, title, partner keys, library code, scope, responsible,
#  start offset in days from today, length in days, status)
AGREEMENTS: list[tuple[Any, ...]] = [
    ("045/PKS/DPK-MTR/2025", K.PKS, "Layanan bersama perpustakaan sekolah dan kota",
     ["sman1"], "SMAN1", [S.RESOURCE_SHARING, S.TRAINING], "agus", -200, 730,
     AgreementStatus.ACTIVE),
    ("012/MoU/UMM-DPK/2023", K.MOU, "Kerja sama penelitian literasi dan magang mahasiswa",
     ["ummetro"], "KOTA", [S.RESEARCH, S.TRAINING, S.RESOURCE_SHARING], "dewi", -1075, 1096,
     AgreementStatus.ACTIVE),  # ends 21 days from today: the reminders have something to say
    ("07/PKS/FTBM/2025", K.PKS, "Lapak baca keliling dan pelatihan pengelola TBM",
     ["forum-tbm"], "KOTA", [S.EVENTS, S.TRAINING], "dewi", -90, 365, AgreementStatus.ACTIVE),
    ("CSR-TML/2024/031", K.PKS, "Hibah buku dan dana operasional perpustakaan keliling",
     ["csr-tani"], "KOTA", [S.DONATION, S.FUNDING], "dewi", -420, 365, AgreementStatus.EXPIRED),
    ("800/118/D.3/2026", K.PKS, "Gerakan literasi sekolah: pelatihan guru pustakawan",
     ["disdik", "sman1"], "KOTA", [S.TRAINING, S.EVENTS], "dewi", 30, 365, AgreementStatus.DRAFT),
    ("MoU-PABJ/KM/2022-01", K.MOU, "Pertukaran terbitan dan kunjungan pustakawan",
     ["johor"], "KOTA", [S.RESOURCE_SHARING, S.EVENTS], "admin", -900, 1095,
     AgreementStatus.TERMINATED),
]  # fmt: skip


@transaction.atomic
def load_partners(network: DemoNetwork, today: date) -> dict[str, Partner]:
    """Every demo partner by key, with contacts and agreements; makes what is missing."""
    partners = {}
    for key, spec in PARTNERS.items():
        fields = {
            name: spec.get(name, default)
            for name, default in [
                ("name", ""), ("kind", ""), ("city", ""), ("country", "Indonesia"),
                ("website", ""), ("address", ""), ("notes", ""), ("is_active", True),
            ]
        }  # fmt: skip
        token = f"demo-partner:{key}"
        made = not Partner.objects.filter(form_token=token).exists()
        libraries = [network.libraries[code] for code in spec["libraries"]]
        partner = services.create_partner(fields, libraries=libraries, token=token)
        if made:
            for name, position, email, phone in spec["contacts"]:
                contact = {"name": name, "position": position, "email": email, "phone": phone}
                services.add_contact(partner, contact)
        partners[key] = partner
    for row in AGREEMENTS:
        _agreement(row, partners, network, today)
    return partners


def _agreement(
    spec: tuple[Any, ...], partners: dict[str, Partner], network: DemoNetwork, today: date
) -> Agreement:
    number, kind, title, keys, code, scope, person, offset, length, status = spec
    token = f"demo-agreement:{number}"
    existing = Agreement.objects.filter(form_token=token).first()
    if existing is not None:
        return existing
    starts = today + timedelta(days=offset)
    ends = starts + timedelta(days=length)
    signed = starts - timedelta(days=14)
    by = network.people[person]
    fields = {
        "kind": kind,
        "number": number,
        "title": title,
        "library": network.libraries[code],
        "signed_on": None if status == AgreementStatus.DRAFT else signed,
        "starts_on": starts,
        "ends_on": ends,
        "scope": [str(s) for s in scope],
        "responsible": by,
    }
    agreement = services.create_agreement(
        fields, partners=[partners[k] for k in keys], by=by, token=token
    )
    if status != AgreementStatus.DRAFT:
        services.set_status(agreement, AgreementStatus.ACTIVE, by=by, today=starts)
    if status == AgreementStatus.EXPIRED:
        services.expire_agreements(today)
    if status == AgreementStatus.TERMINATED:
        note = "Diakhiri bersama: program pertukaran dialihkan ke kerja sama nasional."
        services.set_status(agreement, status, by=by, note=note, today=today)
    return agreement

"""The Kota Metro demo network as data: libraries and people, shared by the demo and the tests.

Everything here is demo data (libraries carry ``is_demo=True``); addresses and coordinates are
illustrative, not a survey. Keys are the library codes and usernames tests refer to.
"""

from __future__ import annotations

from datetime import time

from simpul.libraries.choices import LibraryKind, Role

DEMO_PASSWORD = "metro-demo-2026"

WEEKDAYS = [0, 1, 2, 3, 4]
OFFICE = [(time(8, 0), time(16, 0))]
SCHOOL = [(time(7, 0), time(14, 0))]

# code -> library fields plus "hours": {weekday: sessions}
LIBRARIES: dict[str, dict[str, object]] = {
    "KOTA": {
        "name": "Perpustakaan Daerah Kota Metro",
        "kind": LibraryKind.CITY,
        "description": "Perpustakaan umum milik Pemerintah Kota Metro, simpul utama jaringan.",
        "address": "Jl. AH Nasution No. 68, Yosodadi",
        "district": "Metro Timur",
        "postal_code": "34111",
        "latitude": "-5.113400",
        "longitude": "105.310900",
        "phone": "(0725) 41000",
        "email": "perpustakaan@metrokota.example",
        "lends_to_network": True,
        "hours": {
            **{day: [(time(8, 0), time(12, 0)), (time(13, 0), time(18, 0))] for day in WEEKDAYS},
            5: [(time(9, 0), time(14, 0))],
            6: [(time(9, 0), time(12, 0))],
        },
    },
    "KELILING": {
        "name": "Perpustakaan Keliling Kota Metro",
        "kind": LibraryKind.MOBILE,
        "description": "Mobil perpustakaan yang singgah di sekolah, taman kota dan kelurahan.",
        "address": "Berpangkalan di Perpustakaan Daerah Kota Metro",
        "district": "Metro Timur",
        "lends_to_network": True,
        "hours": {day: [(time(8, 30), time(12, 30))] for day in [1, 3, 5]},
    },
    "SMAN1": {
        "name": "Perpustakaan SMA Negeri 1 Metro",
        "kind": LibraryKind.SCHOOL,
        "address": "Jl. Ki Hajar Dewantara No. 110, Iringmulyo",
        "district": "Metro Timur",
        "latitude": "-5.118200",
        "longitude": "105.315600",
        "lends_to_network": True,
        "hours": dict.fromkeys(WEEKDAYS, SCHOOL),
    },
    "SMAN2": {
        "name": "Perpustakaan SMA Negeri 2 Metro",
        "kind": LibraryKind.SCHOOL,
        "address": "Jl. Kenanga No. 1, Metro",
        "district": "Metro Pusat",
        "hours": dict.fromkeys(WEEKDAYS, SCHOOL),
    },
    "SMPN3": {
        "name": "Perpustakaan SMP Negeri 3 Metro",
        "kind": LibraryKind.SCHOOL,
        "address": "Jl. Jend. Sudirman, Ganjar Agung",
        "district": "Metro Barat",
        "hours": dict.fromkeys(WEEKDAYS, SCHOOL),
    },
    "SDN5": {
        "name": "Perpustakaan SD Negeri 5 Metro Pusat",
        "kind": LibraryKind.SCHOOL,
        "address": "Jl. Ahmad Yani, Imopuro",
        "district": "Metro Pusat",
        "hours": {day: [(time(7, 30), time(12, 0))] for day in WEEKDAYS},
    },
    "MAN1": {
        "name": "Perpustakaan MAN 1 Metro",
        "kind": LibraryKind.SCHOOL,
        "address": "Jl. Letjen Ryacudu, Hadimulyo",
        "district": "Metro Pusat",
        "lends_to_network": True,
        "hours": dict.fromkeys(WEEKDAYS, SCHOOL),
    },
    "UMMETRO": {
        "name": "Perpustakaan Universitas Muhammadiyah Metro",
        "kind": LibraryKind.UNIVERSITY,
        "address": "Jl. Ki Hajar Dewantara No. 116, Iringmulyo",
        "district": "Metro Timur",
        "latitude": "-5.119100",
        "longitude": "105.316800",
        "website": "https://perpustakaan.ummetro.example",
        "lends_to_network": True,
        "hours": {**{day: [(time(8, 0), time(20, 0))] for day in WEEKDAYS}, 5: OFFICE},
    },
    "TBM-CAHAYA": {
        "name": "TBM Cahaya Ilmu",
        "kind": LibraryKind.COMMUNITY,
        "description": "Taman bacaan warga dengan kegiatan mendongeng setiap Sabtu.",
        "address": "Jl. Cendana, Yosomulyo",
        "district": "Metro Pusat",
        "hours": {
            **{day: [(time(15, 0), time(18, 0))] for day in WEEKDAYS},
            5: [(time(9, 0), time(12, 0))],
        },
    },
    "TBM-PELANGI": {
        "name": "TBM Pelangi Margorejo",
        "kind": LibraryKind.COMMUNITY,
        "address": "Jl. Seroja, Margorejo",
        "district": "Metro Selatan",
        "hours": {5: [(time(8, 0), time(12, 0))], 6: [(time(8, 0), time(12, 0))]},
    },
}

# username -> person; roles as (role, library code or None for the whole network)
PEOPLE: dict[str, dict[str, object]] = {
    "admin": {
        "full_name": "Andi Saputra",
        "email": "admin@simpul.example",
        "roles": [(Role.NETWORK_ADMIN, None)],
    },
    "dewi": {
        "full_name": "Dewi Lestari",
        "email": "dewi@simpul.example",
        "roles": [(Role.LIBRARY_ADMIN, "KOTA"), (Role.LIBRARY_ADMIN, "KELILING")],
    },
    "agus": {
        "full_name": "Agus Prasetyo",
        "email": "agus@sman1.example",
        "roles": [(Role.LIBRARY_ADMIN, "SMAN1")],
    },
    "rina": {
        "full_name": "Rina Marlina",
        "email": "rina@sman1.example",
        "roles": [(Role.LIBRARIAN, "SMAN1")],
    },
    "budi": {
        "full_name": "Budi Santoso",
        "email": "budi@simpul.example",
        "roles": [(Role.DESK, "KOTA")],
    },
    "sari": {
        "full_name": "Sari Wulandari",
        "email": "sari@simpul.example",
        "roles": [(Role.PROGRAM_COORDINATOR, "KOTA")],
    },
    "hendra": {
        "full_name": "Hendra Gunawan",
        "email": "hendra@metrokota.example",
        "roles": [(Role.CITY_OFFICIAL, None)],
    },
    "siti": {
        "full_name": "Siti Rahmawati",
        "email": "siti@contoh.example",
        "roles": [(Role.MEMBER, "SMAN1")],
    },
    "yoga": {
        "full_name": "Yoga Pratama",
        "email": "yoga@contoh.example",
        "roles": [(Role.MEMBER, "KOTA")],
    },
    "nur": {
        "full_name": "Nur Aini",
        "email": "nur@contoh.example",
        "roles": [(Role.MEMBER, "UMMETRO")],
    },
}

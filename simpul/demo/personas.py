"""The Kota Metro demo network as data: libraries, people and members, shared by the demo and
the tests.

Everything here is demo data (libraries carry ``is_demo=True``); addresses and coordinates are
illustrative, not a survey. Keys are the library codes and usernames tests refer to.
"""

from __future__ import annotations

from datetime import date, time

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

# The network's members, one or more of every category. Keys are the names the demo scenario
# (demo/circulation.py) uses. "account": the persona above whose sign-in the membership is
# tied to (they registered online, staff approved it); "by": who registered or approved it;
# "joined": days ago. Streets and kelurahan are Kota Metro's; house numbers, telephone numbers
# and the people themselves are invented, like the rest of the demo.
MEMBERS: dict[str, dict[str, object]] = {
    "siti": {
        "account": "siti",
        "full_name": "Siti Rahmawati",
        "birth_date": date(2008, 5, 12),
        "gender": "f",
        "category": "pelajar",
        "home": "SMAN1",
        "by": "agus",
        "joined": 130,
        "address": "Jl. Ki Hajar Dewantara Gg. Mawar No. 7, Iringmulyo, Metro Timur",
        "phone": "0812 7250 3381",
        "email": "siti@contoh.example",
        "school_or_work": "SMA Negeri 1 Metro",
    },
    "yoga": {
        "account": "yoga",
        "full_name": "Yoga Pratama",
        "birth_date": date(1994, 9, 3),
        "gender": "m",
        "category": "umum",
        "home": "KOTA",
        "by": "budi",
        "joined": 210,
        "address": "Jl. Imam Bonjol No. 21, Hadimulyo Barat, Metro Pusat",
        "phone": "0813 6914 2207",
        "email": "yoga@contoh.example",
        "school_or_work": "Wiraswasta (bengkel sepeda motor)",
        "keep_history": True,
    },
    "nur": {
        "account": "nur",
        "full_name": "Nur Aini",
        "birth_date": date(2004, 2, 17),
        "gender": "f",
        "category": "mahasiswa",
        "home": "UMMETRO",
        "by": "admin",
        "joined": 95,
        "address": "Jl. Stadion Tejosari No. 9, Tejoagung, Metro Timur",
        "phone": "0821 7733 0418",
        "email": "nur@contoh.example",
        "school_or_work": "Universitas Muhammadiyah Metro, Pendidikan Bahasa Inggris",
    },
    "rizky": {
        "full_name": "Rizky Ramadhan",
        "birth_date": date(2008, 10, 30),
        "gender": "m",
        "category": "pelajar",
        "home": "SMAN1",
        "by": "agus",
        "joined": 185,
        "address": "Jl. Letjen Ryacudu No. 40, Hadimulyo Timur, Metro Pusat",
        "phone": "0857 6802 1193",
        "school_or_work": "SMA Negeri 1 Metro",
    },
    "arif": {
        "full_name": "Arif Hidayat",
        "birth_date": date(2003, 1, 12),
        "gender": "m",
        "category": "mahasiswa",
        "home": "UMMETRO",
        "by": "admin",
        "joined": 100,
        "address": "Jl. Pattimura No. 15, Banjarsari, Metro Utara",
        "phone": "0822 8105 6647",
        "email": "arif.hidayat@contoh.example",
        "school_or_work": "Universitas Muhammadiyah Metro, Teknik Sipil",
    },
    "sri": {
        "full_name": "Sri Wahyuni",
        "birth_date": date(1978, 11, 22),
        "gender": "f",
        "category": "guru",
        "home": "KOTA",
        "by": "budi",
        "joined": 300,
        "address": "Jl. Jend. Sudirman No. 45, Ganjar Agung, Metro Barat",
        "phone": "0812 7911 0562",
        "email": "sri.wahyuni@contoh.example",
        "school_or_work": "SMP Negeri 3 Metro (guru Bahasa Indonesia)",
    },
    "aisyah": {
        "full_name": "Aisyah Putri Ramadhani",
        "birth_date": date(2016, 7, 14),
        "gender": "f",
        "category": "anak",
        "home": "KOTA",
        "by": "budi",
        "joined": 150,
        "address": "Jl. Cendana No. 12, Yosomulyo, Metro Pusat",
        "school_or_work": "SD Negeri 5 Metro Pusat",
        "guardian_name": "Ratna Dewi Anggraini (ibu)",
        "guardian_phone": "0812 7911 4420",
    },
    "joko": {
        "full_name": "Joko Purnomo",
        "birth_date": date(1985, 3, 8),
        "gender": "m",
        "category": "staf-mitra",
        "home": "KOTA",
        "by": "dewi",
        "joined": 60,
        "address": "Jl. Seroja No. 3, Margorejo, Metro Selatan",
        "phone": "0813 7960 2215",
        "school_or_work": "Pengelola TBM Pelangi Margorejo",
    },
    "dian": {
        "full_name": "Dian Puspitasari",
        "birth_date": date(1990, 6, 25),
        "gender": "f",
        "category": "umum",
        "home": "KOTA",
        "by": "budi",
        "joined": 240,
        "address": "Jl. Diponegoro No. 8, Metro, Metro Pusat",
        "phone": "0852 6955 7710",
        "email": "dian.puspita@contoh.example",
        "school_or_work": "Puskesmas Metro",
    },
    # Joined almost two years ago: the card runs out in ten days (the reminders show it).
    "ahmad": {
        "full_name": "Ahmad Fauzi",
        "birth_date": date(1968, 4, 2),
        "gender": "m",
        "category": "umum",
        "home": "KOTA",
        "by": "budi",
        "joined": "expiring",
        "address": "Jl. Khairbras No. 27, Ganjar Asri, Metro Barat",
        "phone": "0812 7200 8834",
        "school_or_work": "Pensiunan guru",
    },
    # Registered online two days ago and waits for the city library's desk (password: the demo's).
    "fajar": {
        "online": True,
        "full_name": "Fajar Nugroho",
        "birth_date": date(2009, 12, 5),
        "gender": "m",
        "category": "pelajar",
        "home": "KOTA",
        "joined": 2,
        "address": "Jl. Ahmad Yani Gg. Sawo No. 4, Imopuro, Metro Pusat",
        "phone": "0896 3120 4471",
        "email": "fajar@contoh.example",
        "school_or_work": "SMA Negeri 2 Metro",
    },
}

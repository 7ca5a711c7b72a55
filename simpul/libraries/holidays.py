"""Indonesia's national holidays (hari libur nasional) for 2026 and 2027, as loaded data.

2026 follows the joint decree (SKB 3 Menteri) for 2026. The 2027 dates of lunar-calendar
holidays are estimates computed from the calendars and are marked as such in ``note``: network
administrators confirm or move them in the staff workspace once the decree for 2027 is out.
Closure rows are the editable truth; this list only seeds them (`manage.py load_holidays`).
"""

from __future__ import annotations

from datetime import date

ESTIMATE = "perkiraan, periksa SKB 2027"

# (date, name in Bahasa Indonesia, note)
NATIONAL_HOLIDAYS: list[tuple[date, str, str]] = [
    (date(2026, 1, 1), "Tahun Baru 2026 Masehi", ""),
    (date(2026, 1, 16), "Isra Mikraj Nabi Muhammad SAW", ""),
    (date(2026, 2, 17), "Tahun Baru Imlek 2577 Kongzili", ""),
    (date(2026, 3, 19), "Hari Suci Nyepi Tahun Baru Saka 1948", ""),
    (date(2026, 3, 21), "Idul Fitri 1447 Hijriah", ""),
    (date(2026, 3, 22), "Idul Fitri 1447 Hijriah (hari kedua)", ""),
    (date(2026, 4, 3), "Wafat Yesus Kristus", ""),
    (date(2026, 4, 5), "Kebangkitan Yesus Kristus (Paskah)", ""),
    (date(2026, 5, 1), "Hari Buruh Internasional", ""),
    (date(2026, 5, 14), "Kenaikan Yesus Kristus", ""),
    (date(2026, 5, 27), "Idul Adha 1447 Hijriah", ""),
    (date(2026, 5, 31), "Hari Raya Waisak 2570 BE", ""),
    (date(2026, 6, 1), "Hari Lahir Pancasila", ""),
    (date(2026, 6, 16), "Tahun Baru Islam 1448 Hijriah", ""),
    (date(2026, 8, 17), "Hari Kemerdekaan Republik Indonesia", ""),
    (date(2026, 8, 25), "Maulid Nabi Muhammad SAW", ""),
    (date(2026, 12, 25), "Hari Raya Natal", ""),
    (date(2027, 1, 1), "Tahun Baru 2027 Masehi", ""),
    (date(2027, 1, 5), "Isra Mikraj Nabi Muhammad SAW", ESTIMATE),
    (date(2027, 2, 6), "Tahun Baru Imlek 2578 Kongzili", ""),
    (date(2027, 3, 8), "Hari Suci Nyepi Tahun Baru Saka 1949", ESTIMATE),
    (date(2027, 3, 10), "Idul Fitri 1448 Hijriah", ESTIMATE),
    (date(2027, 3, 11), "Idul Fitri 1448 Hijriah (hari kedua)", ESTIMATE),
    (date(2027, 3, 26), "Wafat Yesus Kristus", ""),
    (date(2027, 3, 28), "Kebangkitan Yesus Kristus (Paskah)", ""),
    (date(2027, 5, 1), "Hari Buruh Internasional", ""),
    (date(2027, 5, 6), "Kenaikan Yesus Kristus", ""),
    (date(2027, 5, 16), "Idul Adha 1448 Hijriah", ESTIMATE),
    (date(2027, 5, 20), "Hari Raya Waisak 2571 BE", ESTIMATE),
    (date(2027, 6, 1), "Hari Lahir Pancasila", ""),
    (date(2027, 6, 6), "Tahun Baru Islam 1449 Hijriah", ESTIMATE),
    (date(2027, 8, 15), "Maulid Nabi Muhammad SAW", ESTIMATE),
    (date(2027, 8, 17), "Hari Kemerdekaan Republik Indonesia", ""),
    (date(2027, 12, 25), "Hari Raya Natal", ""),
]

"""Two months of lending in the demo network, played through the circulation services.

Each step of STORY runs on its day (demo/clock.py): checkouts get their due dates from the loan
rules and the libraries' calendars, check-ins charge overdue fines and set copies aside for
holds, and every step writes the same loans, item status changes and events the desk would.
What the network looks like afterwards (see docs/guides/circulation.md for the screens):

- current loans, some due in a day or two, and overdue ones (Rizky, Siti, Joko);
- returned loans with an overdue fine: paid (Yoga), waived (Dian), still owed (Rizky);
- a renewed loan (Nur renewed online);
- waiting holds, two in one queue (Amba), and one on the pull lists (Sang Pemimpi);
- a ready hold on the city library's hold shelf (Yoga) and a copy in transit for a hold (Nur);
- a copy returned at another library, in transit home with its routing slip.

Runs once: when the network has any loan or hold already, it changes nothing, so a reload
never invents history on top of what people did in the demo.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date

from django.db import transaction

from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import Item
from simpul.circulation import holds, services
from simpul.circulation.choices import OPEN_HOLDS, HoldStatus
from simpul.circulation.models import Fine, Hold, Loan
from simpul.circulation.standing import unpaid_fines, unpaid_total
from simpul.demo.clock import DemoClock
from simpul.demo.network import DemoNetwork
from simpul.libraries.models import Library
from simpul.members.models import Member

# Who works the desk, and who may waive a fine, at the libraries where the story happens.
DESK = {"KOTA": "budi", "SMAN1": "agus", "UMMETRO": "admin"}
WAIVES = {"KOTA": "dewi", "SMAN1": "agus", "UMMETRO": "admin"}
WAIVER_REASON = "Terlambat karena dirawat di rumah sakit; surat keterangan dokter dilampirkan."

# (days ago, action, member, library, barcode), oldest first. "hold": the member places a
# hold online on the title of that copy, to collect at the library; "renew": online too.
STORY: list[tuple[int, str, str, str, str]] = [
    (60, "lend", "dian", "KOTA", "KOTA-B015-1"),  # Cantik Itu Luka
    (50, "lend", "yoga", "KOTA", "KOTA-B019-1"),  # Pulang
    (40, "lend", "rizky", "KOTA", "KOTA-B036-1"),  # Kolonisasi Sukadana
    (35, "lend", "rizky", "SMAN1", "SMAN1-B021-1"),  # Laut Bercerita: still out, overdue
    (30, "return", "", "KOTA", "KOTA-B015-1"),  # two weeks late...
    (30, "waive", "dian", "KOTA", WAIVER_REASON),  # ...and Dewi waives the fine
    (21, "return", "", "KOTA", "KOTA-B019-1"),  # late...
    (21, "pay", "yoga", "KOTA", ""),  # ...and paid at once
    (20, "lend", "siti", "SMAN1", "SMAN1-B018-1"),  # Perahu Kertas: overdue now
    (16, "lend", "nur", "UMMETRO", "UMMETRO-B013-1"),  # Para Priyayi
    (12, "lend", "dian", "KOTA", "KOTA-B014-1"),  # Saman
    (12, "lend", "ahmad", "KOTA", "KOTA-B007-1"),  # Ronggeng Dukuh Paruk
    (10, "lend", "siti", "SMAN1", "SMAN1-B001-1"),  # Laskar Pelangi
    (10, "lend", "sri", "KOTA", "KOTA-B038-1"),  # Piil Pesenggiri
    (10, "lend", "sri", "KOTA", "KOTA-B020-1"),  # Amba
    (10, "lend", "arif", "UMMETRO", "UMMETRO-B014-1"),  # Saman
    (10, "lend", "arif", "UMMETRO", "UMMETRO-B020-1"),  # Amba
    (9, "lend", "joko", "KOTA", "KOTA-B039-1"),  # Way Kambas (children's, 7 days): overdue
    (8, "hold", "nur", "UMMETRO", "KOTA-B014-1"),  # Saman: both copies are out
    (6, "renew", "nur", "", "UMMETRO-B013-1"),
    (6, "lend", "yoga", "KOTA", "KOTA-B003-1"),  # Bumi Manusia
    (6, "hold", "siti", "SMAN1", "KOTA-B020-1"),  # Amba: first in the queue
    (5, "lend", "sri", "KOTA", "KOTA-B037-1"),  # Mengenal Had Lampung (children's, 7 days)
    (4, "lend", "aisyah", "KOTA", "KOTA-B031-1"),  # Si Kancil dan Buaya
    (4, "hold", "yoga", "KOTA", "KOTA-B007-1"),  # Ronggeng Dukuh Paruk
    (3, "lend", "nur", "UMMETRO", "UMMETRO-B044-1"),  # Imagined Communities
    (3, "hold", "ahmad", "KOTA", "KOTA-B020-1"),  # Amba: second in the queue
    (3, "return", "", "SMAN1", "KOTA-B036-1"),  # late, fine owed; in transit home to KOTA
    (2, "return", "", "KOTA", "KOTA-B014-1"),  # Saman: set aside for Nur, in transit
    (1, "return", "", "KOTA", "KOTA-B007-1"),  # Ronggeng: on the hold shelf for Yoga
    (1, "hold", "sri", "KOTA", "KOTA-B002-1"),  # Sang Pemimpi: on the shelf, pull list
]


class Story:
    """The people, members and libraries STORY's steps name, and the clock they run on."""

    def __init__(self, network: DemoNetwork, members: dict[str, Member], clock: DemoClock):
        self.network, self.members, self.clock = network, members, clock
        self.hour = 9
        self.actions: dict[str, Callable[[int, Member | None, str, str], None]] = {
            "lend": self.lend,
            "return": self.give_back,
            "pay": self.pay,
            "waive": self.waive,
            "renew": self.renew,
            "hold": self.hold,
        }

    def library(self, code: str) -> Library:
        return self.network.libraries[code]

    def lend(self, days_ago: int, member: Member | None, code: str, barcode: str) -> None:
        assert member is not None
        desk = self.network.people[DESK[code]]
        with self.clock.on(self.clock.day(days_ago, self.library(code)), self.hour) as day:
            services.checkout(barcode, member, self.library(code), desk, today=day)

    def give_back(self, days_ago: int, member: Member | None, code: str, barcode: str) -> None:
        desk = self.network.people[DESK[code]]
        with self.clock.on(self.clock.day(days_ago, self.library(code)), self.hour) as day:
            services.checkin(barcode, self.library(code), desk, today=day)

    def pay(self, days_ago: int, member: Member | None, code: str, _text: str) -> None:
        assert member is not None
        desk = self.network.people[DESK[code]]
        with self.clock.on(self.clock.day(days_ago, self.library(code)), self.hour):
            services.pay(member, unpaid_total(member), desk, self.library(code))

    def waive(self, days_ago: int, member: Member | None, code: str, reason: str) -> None:
        assert member is not None
        admin = self.network.people[WAIVES[code]]
        with self.clock.on(self.clock.day(days_ago, self.library(code)), self.hour):
            for fine in unpaid_fines(member):
                services.waive(fine, fine.balance, admin, reason, self.library(code))  # type: ignore[attr-defined]

    def renew(self, days_ago: int, member: Member | None, _code: str, barcode: str) -> None:
        assert member is not None
        loan = Loan.objects.get(item__barcode=barcode, returned_at__isnull=True)
        with self.clock.on(self.clock.day(days_ago), self.hour) as day:
            services.renew(loan, member.user, today=day)

    def hold(self, days_ago: int, member: Member | None, code: str, barcode: str) -> None:
        assert member is not None
        record = Item.objects.select_related("record").get(barcode=barcode).record
        with self.clock.on(self.clock.day(days_ago), self.hour):
            holds.place_hold(record, member, self.library(code), by=member.user)

    def play(self) -> None:
        per_day: Counter[int] = Counter()
        for days_ago, action, who, code, value in STORY:
            self.hour = 9 + per_day[days_ago]  # later steps of a day happen later that day
            per_day[days_ago] += 1
            member = self.members[who] if who else None
            self.actions[action](days_ago, member, code, value)


@transaction.atomic
def load_circulation(network: DemoNetwork, members: dict[str, Member], clock: DemoClock) -> bool:
    """Play STORY once; False (nothing changed) when there are loans or holds already."""
    if Loan.objects.exists() or Hold.objects.exists():
        return False
    Story(network, members, clock).play()
    return True


def summary(today: date) -> str:
    """One line on what the network's circulation looks like now, for the command's output."""
    open_loans = Loan.objects.filter(returned_at__isnull=True)
    statuses = Counter(Hold.objects.filter(status__in=OPEN_HOLDS).values_list("status", flat=True))
    return (
        f"{open_loans.count()} loans out ({open_loans.filter(due_on__lt=today).count()} "
        f"overdue), {Fine.objects.count()} fines, {statuses[HoldStatus.WAITING]} holds waiting, "
        f"{statuses[HoldStatus.READY]} on the hold shelf, "
        f"{Item.objects.filter(status=ItemStatus.IN_TRANSIT).count()} copies in transit"
    )

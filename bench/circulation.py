"""`make bench` part three: the circulation desk over HTTP, on a scratch database.

    .venv/bin/python bench/circulation.py [--postgres] [--seconds S] [--clients N]

1. The demo network, ITEMS copies at the city library (KOTA) and MEMBERS active members of it,
   made directly; the search index is built so the worker starts with an empty outbox.
2. gunicorn on loopback (3 workers x 3 threads; --workers, --threads) with `simpul_worker`
   beside it, as `make run` serves Simpul (--server granian compares granian, once it is
   installed in .venv: decision 0013).
3. N desk clients sign in as the desk persona (Budi at KOTA) through the login form and work
   the desk as its page does (htmx POSTs with the session cookie and the CSRF token): each
   loops over its own members and copies, a member's card scan before every second loan,
   then the copy's barcode (checkout), then the same barcode in return mode (checkin).
   Pairs/s and p50/p95 per request; a request that is not 200 or whose desk line is not a
   success counts as an error.
4. Two desks race for the same copy RACES times (released together by a barrier): exactly one
   may lend it, the other must hear it was just lent at another desk. For scale, then: empty
   scans from every desk (the stack's floor, nothing written) and one desk working alone.
5. The database is checked: no copy ever had two open loans (no overlapping loans at all),
   one CHECKOUT and one CHECKIN event per loan, two status changes per loan, every copy back.
6. The same requests in one process through Django's test client under cProfile: SQL
   statements per request and where the time goes.
Results replace this database's subsection of "Circulation (issue 4)" in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import cProfile
import http.client
import io
import os
import pstats
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.common import (  # noqa: E402
    free_port,
    machine,
    percentile,
    scratch_environment,
    start_postgres,
    stop_postgres,
)

SCRATCH = scratch_environment("circulation", SIMPUL_LOG_LEVEL="WARNING")

LIBRARY = "KOTA"
DESK = f"/staf/perpustakaan/{LIBRARY}/sirkulasi/"
SCAN, CHECKIN = DESK + "pindai/", DESK + "kembali/pindai/"
PAIRS_PER_MEMBER = 2  # a member's card is scanned before every second loan
NUMBER = "MTR2026{:06d}"  # member numbers, as services.allocate_number makes them
BARCODE = "CIRC{:06d}"
TARGETS = {"postgresql": 400, "sqlite": 200}  # pairs/s, from the issue


# -- the data -------------------------------------------------------------------------------


def build_world(items: int, members: int, titles: int) -> None:
    """``items`` copies of ``titles`` records at KOTA and ``members`` active members of it."""
    from datetime import date, timedelta

    from django.db import transaction
    from django.utils import timezone

    from simpul.catalog.indexing import reindex_all
    from simpul.catalog.marc.writer import SimpleRecord
    from simpul.catalog.models import Item
    from simpul.catalog.services import create_record
    from simpul.catalog.synth import FIRST, LAST
    from simpul.libraries.models import Library
    from simpul.members.choices import MemberStatus
    from simpul.members.models import Member, MemberCategory

    library = Library.objects.get(code=LIBRARY)
    today = timezone.localdate()
    with transaction.atomic():
        records = [
            create_record(
                SimpleRecord(
                    title=f"Buku sirkulasi nomor {n}",
                    authors=[f"{FIRST[n % len(FIRST)]} {LAST[n % len(LAST)]}"],
                    publisher="Penerbit Uji",
                    place="Metro",
                    year=2000 + n % 26,
                    subjects=["Perpustakaan"],
                    language="ind",
                ),
                library,
            )
            for n in range(titles)
        ]
        Item.objects.bulk_create(
            Item(
                record=records[n % titles],
                library=library,
                barcode=BARCODE.format(n),
                item_type="book",
                call_number="020 SIR",
            )
            for n in range(items)
        )
        categories = list(MemberCategory.objects.exclude(needs_guardian=True))
        Member.objects.bulk_create(
            Member(
                number=NUMBER.format(n),
                category=categories[n % len(categories)],
                home_library=library,
                status=MemberStatus.ACTIVE,
                full_name=f"{FIRST[n % len(FIRST)]} {LAST[(n * 7) % len(LAST)]}",
                birth_date=date(1990, 1, 1) + timedelta(days=n),
                address="Jl. Uji No. 1, Metro",
                expires_on=today + timedelta(days=365),
            )
            for n in range(members)
        )
    reindex_all()  # and the outbox is empty: what the worker indexes later is circulation's


# -- a desk as a browser drives it ------------------------------------------------------------


class DeskError(Exception):
    pass


@dataclass
class Desk:
    """One signed-in browser at the KOTA desk: a keep-alive connection, its cookies and token."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    token: str = ""
    conn: http.client.HTTPConnection | None = None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def connect(self) -> None:
        if self.conn is not None:
            self.conn.close()
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None, **headers: str
    ) -> tuple[int, str, http.client.HTTPResponse]:
        if self.conn is None:
            self.connect()
        assert self.conn is not None
        sent = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), **headers}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = self.origin
        self.conn.request(method, path, body=body, headers=sent)
        response = self.conn.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        return response.status, text, response

    def login(self, username: str, password: str) -> None:
        status, page, _ = self.request("GET", "/masuk/")
        assert status == 200, status
        form = {"username": username, "password": password, "csrfmiddlewaretoken": token_in(page)}
        status, _, _ = self.request("POST", "/masuk/", form, Referer=self.origin + "/masuk/")
        assert status == 302, f"login failed: {status}"
        status, page, _ = self.request("GET", DESK)
        assert status == 200, f"desk page: {status}"
        self.token = token_in(page)

    def post(self, path: str, code: str, referer: str) -> str:
        """One scan as desk.js sends it: htmx POST with the code and the CSRF token."""
        form = {"kode": code, "csrfmiddlewaretoken": self.token}
        status, text, _ = self.request(
            "POST", path, form,
            **{"HX-Request": "true", "HX-Target": "desk", "HX-Current-URL": self.origin + referer,
               "X-CSRFToken": self.token, "Referer": self.origin + referer},
        )  # fmt: skip
        if status != 200:
            raise DeskError(f"{path} {code}: HTTP {status}")
        return text

    def serve(self, number: str) -> None:
        answer = self.post(SCAN, number, DESK)
        if number not in answer:
            raise DeskError(f"card {number}: the panel does not show the member")

    def lend(self, barcode: str) -> str:
        """The newest desk line after scanning ``barcode`` in checkout mode."""
        return newest_line(self.post(SCAN, barcode, DESK))

    def take_back(self, barcode: str) -> str:
        return newest_line(self.post(CHECKIN, barcode, DESK + "kembali/"))


def token_in(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found, "no CSRF token in the page"
    return found.group(1)


def newest_line(answer: str) -> str:
    """The line the scan added: the session's lines are listed newest first."""
    if '<li class="desk-line' not in answer:
        raise DeskError("no desk line in the answer")
    return answer.split('<li class="desk-line', 1)[1].split("</li>", 1)[0]


def succeeded(line: str, barcode: str) -> bool:
    """A plain success line about ``barcode`` (neither an error nor a warning)."""
    return line.startswith('">') and f"<code>{barcode}</code>" in line


# -- the load -----------------------------------------------------------------------------------


@dataclass
class Tally:
    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    pairs: int = 0
    errors: list[str] = field(default_factory=list)
    lent: int = 0  # successful checkouts, warm-up and races included


def work(
    desk: Desk,
    members: list[str],
    barcodes: list[str],
    until: float,
    tally: Tally,
    lock: threading.Lock,
    max_pairs: int | None = None,
) -> None:
    """Checkout then checkin, over and over, until ``until`` (a pair is never cut in half)."""
    n = 0
    local: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    pairs = 0
    try:
        while time.perf_counter() < until and (max_pairs is None or pairs < max_pairs):
            barcode = barcodes[n % len(barcodes)]
            if n % PAIRS_PER_MEMBER == 0:
                start = time.perf_counter()
                desk.serve(members[(n // PAIRS_PER_MEMBER) % len(members)])
                local["card scan"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            line = desk.lend(barcode)
            local["checkout"].append((time.perf_counter() - start) * 1000)
            if not succeeded(line, barcode):
                errors.append(f"checkout {barcode}: {strip(line)}")
            start = time.perf_counter()
            line = desk.take_back(barcode)
            local["checkin"].append((time.perf_counter() - start) * 1000)
            if not succeeded(line, barcode):
                errors.append(f"checkin {barcode}: {strip(line)}")
            pairs += 1
            n += 1
    except Exception as error:  # counted, and this client stops
        errors.append(f"{type(error).__name__}: {error}")
    with lock:
        for kind, samples in local.items():
            tally.latency[kind].extend(samples)
        tally.pairs += pairs
        tally.lent += len(local["checkout"]) - sum(e.startswith("checkout") for e in errors)
        tally.errors.extend(errors)


def strip(line: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", line).split())[:200]


def run_floor(desks: list[Desk], seconds: float) -> tuple[int, float, list[float], int]:
    """The stack's floor: empty scans in return mode (sign-in, session, permissions and the
    panel, no lending and no write) from every desk at once: requests, elapsed, latencies,
    failures."""
    samples: list[float] = []
    failures = 0
    lock = threading.Lock()
    for desk in desks:
        desk.connect()
    until = time.perf_counter() + seconds

    def loop(desk: Desk) -> None:
        nonlocal failures
        mine, failed = [], 0
        while time.perf_counter() < until:
            start = time.perf_counter()
            try:
                desk.post(CHECKIN, "", DESK + "kembali/")
            except Exception:
                failed += 1
            mine.append((time.perf_counter() - start) * 1000)
        with lock:
            samples.extend(mine)
            failures += failed

    started = time.perf_counter()
    threads = [threading.Thread(target=loop, args=(desk,)) for desk in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(samples), time.perf_counter() - started, samples, failures


def run_load(
    desks: list[Desk], members: list[str], barcodes: list[str], seconds: float, tally: Tally,
    max_pairs: int | None = None,
) -> float:  # fmt: skip
    """Every desk works its own slice of members and copies for ``seconds``; the elapsed time."""
    clients = len(desks)
    lock = threading.Lock()
    for desk in desks:
        desk.connect()  # fresh keep-alive connections (idle ones may have been closed)
    started = time.perf_counter()
    until = started + seconds
    threads = [
        threading.Thread(
            target=work,
            args=(desk, members[n::clients], barcodes[n::clients], until, tally, lock, max_pairs),
        )
        for n, desk in enumerate(desks)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


@dataclass
class Race:
    rounds: int = 0
    one_winner: int = 0
    loser_told: int = 0  # the loser's line says the copy was just lent at another desk
    odd: list[str] = field(default_factory=list)


def run_races(a: Desk, b: Desk, members: tuple[str, str], barcode: str, rounds: int) -> Race:
    """Two desks scan the same copy at the same instant, ``rounds`` times; then it comes back."""
    race = Race()
    for desk in (a, b):
        desk.connect()
    a.serve(members[0])
    b.serve(members[1])
    barrier = threading.Barrier(2)
    for _ in range(rounds):
        lines: list[str] = ["", ""]

        def scan(index: int, desk: Desk, lines: list[str] = lines) -> None:
            barrier.wait(timeout=60)
            try:
                lines[index] = desk.lend(barcode)
            except Exception as error:
                lines[index] = f"EXC {error}"

        threads = [threading.Thread(target=scan, args=(i, d)) for i, d in enumerate((a, b))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        race.rounds += 1
        wins = [succeeded(line, barcode) for line in lines]
        if sum(wins) == 1:
            race.one_winner += 1
            loser = lines[wins.index(False)]
            if "desk-line-error" in loser and "meja lain" in loser:
                race.loser_told += 1
            else:
                race.odd.append(f"loser heard: {strip(loser)}")
        else:
            race.odd.append(f"{sum(wins)} winners: {[strip(line) for line in lines]}")
        line = a.take_back(barcode)
        if not succeeded(line, barcode):
            race.odd.append(f"checkin: {strip(line)}")
    return race


# -- processes --------------------------------------------------------------------------------


def cpu_seconds(pid: int, with_children: bool = True) -> float:
    """CPU time of ``pid``, its live children and its reaped children."""
    tick = os.sysconf("SC_CLK_TCK")

    def own(p: int) -> tuple[float, float]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0, 0.0
        # utime, stime, cutime, cstime are fields 14-17 (1-based); after ")" they start at 11
        used, reaped = int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])
        return used / tick, reaped / tick

    mine, reaped = own(pid)
    total = mine + reaped
    if with_children:
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
        for child in children.stdout.split():
            total += cpu_seconds(int(child))
    return total


def postmaster_pid() -> int | None:
    path = SCRATCH / "pg" / "data" / "postmaster.pid"
    return int(path.read_text().split()[0]) if path.exists() else None


class Servers:
    """gunicorn (3 workers x 3 threads by default) and the worker, as `make run` serves Simpul."""

    def __init__(
        self, with_worker: bool, workers: int = 3, threads: int = 3, server: str = "gunicorn"
    ) -> None:
        self.port = free_port()
        env = os.environ.copy()
        if server == "granian":
            command = [
                str(ROOT / ".venv/bin/granian"), "--interface", "wsgi", "--host", "127.0.0.1",
                "--port", str(self.port), "--workers", str(workers),
                "--blocking-threads", str(threads), "--no-ws", "--log-level", "warning",
                "simpul.wsgi:application",
            ]  # fmt: skip
        else:
            command = [
                str(ROOT / ".venv/bin/gunicorn"), "simpul.wsgi", "--bind",
                f"127.0.0.1:{self.port}", "--workers", str(workers), "--threads", str(threads),
                "--log-level", "warning",
            ]  # fmt: skip
        self.gunicorn = subprocess.Popen(command, cwd=ROOT, env=env)
        self.worker = None
        if with_worker:
            log = (SCRATCH / "worker.log").open("w")
            self.worker = subprocess.Popen(
                [str(ROOT / ".venv/bin/python"), "manage.py", "simpul_worker"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        for _ in range(100):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/masuk/")
                conn.getresponse().read()
                break
            except OSError:
                time.sleep(0.3)

    def cpu(self) -> dict[str, float]:
        seen = {"web (gunicorn)": cpu_seconds(self.gunicorn.pid)}
        if self.worker is not None:
            seen["worker"] = cpu_seconds(self.worker.pid)
        postmaster = postmaster_pid()
        if postmaster is not None:
            seen["PostgreSQL"] = cpu_seconds(postmaster)
        seen["clients (this process)"] = sum(os.times()[:2])
        return seen

    def stop(self) -> None:
        for process in (self.gunicorn, self.worker):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in (self.gunicorn, self.worker):
            if process is not None:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()


# -- checks -------------------------------------------------------------------------------------


def check_database(expected_loans: int) -> dict[str, Any]:
    """Everything that must hold after the run; a dict of what was found."""
    from django.db.models import Count

    from simpul.catalog.choices import ItemStatus
    from simpul.catalog.models import Item, ItemStatusChange
    from simpul.circulation.choices import Action
    from simpul.circulation.models import Event, Loan

    loans = Loan.objects.filter(item__barcode__startswith="CIRC")
    doubled_open = (
        loans.filter(returned_at__isnull=True)
        .values("item")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    overlapping = 0
    previous: tuple[int, Any] | None = None
    for item_id, out, back in loans.order_by("item_id", "checked_out_at", "pk").values_list(
        "item_id", "checked_out_at", "returned_at"
    ):
        if (
            previous is not None
            and previous[0] == item_id
            and (previous[1] is None or out < previous[1])
        ):
            overlapping += 1
        previous = (item_id, back)
    total = loans.count()
    return {
        "loans": total,
        "loans expected (client count)": expected_loans,
        "open loans": loans.filter(returned_at__isnull=True).count(),
        "copies with two open loans": doubled_open,
        "loans overlapping another loan of the copy": overlapping,
        "CHECKOUT events": Event.objects.filter(action=Action.CHECKOUT, loan__in=loans).count(),
        "CHECKIN events": Event.objects.filter(action=Action.CHECKIN, loan__in=loans).count(),
        "status changes": ItemStatusChange.objects.filter(item__barcode__startswith="CIRC").count(),
        "copies not available": Item.objects.filter(barcode__startswith="CIRC")
        .exclude(status=ItemStatus.AVAILABLE)
        .count(),
    }


def database_ok(found: dict[str, Any]) -> bool:
    total = found["loans"]
    return (
        total == found["loans expected (client count)"]
        and found["open loans"] == 0
        and found["copies with two open loans"] == 0
        and found["loans overlapping another loan of the copy"] == 0
        and found["CHECKOUT events"] == total
        and found["CHECKIN events"] == total
        and found["status changes"] == 2 * total
        and found["copies not available"] == 0
    )


# -- the profile ----------------------------------------------------------------------------------


# Inclusive time of these functions (nested in one another: they overlap, they do not add up).
DJ, CIRC, ACCESS = "django/", "simpul/circulation/", "simpul/libraries/access.py"
SESSIONS = DJ + "contrib/sessions/backends/db.py"
PROFILE_GROUPS: list[tuple[str, list[tuple[str, str]]]] = [
    ("SQL statements in the database driver", [(DJ + "db/backends/utils.py", "_execute")]),
    ("building SQL (SQLCompiler.as_sql)", [(DJ + "db/models/sql/compiler.py", "as_sql")]),
    ("template rendering", [(DJ + "template/backends/django.py", "render")]),
    ("session load and save", [(SESSIONS, "load"), (SESSIONS, "save")]),
    ("permission checks (can, is_staff_member)", [(ACCESS, "can"), (ACCESS, "is_staff_member")]),
    ("checkout use case (checkout.checkout)", [(CIRC + "checkout.py", "checkout")]),
    ("checkin use case (checkin.checkin)", [(CIRC + "checkin.py", "checkin")]),
    ("desk panel context (panel_context)", [(CIRC + "desk_panel.py", "panel_context")]),
]


def profile(members: list[str], barcodes: list[str], pairs: int) -> dict[str, Any]:
    """The same desk requests in this process (Django's test client, CSRF enforced)."""
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from simpul.demo.personas import DEMO_PASSWORD

    client = Client(enforce_csrf_checks=True)
    page = client.get("/masuk/").content.decode()
    response = client.post(
        "/masuk/",
        {"username": "budi", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token_in(page)},
    )
    assert response.status_code == 302
    token = token_in(client.get(DESK).content.decode())
    headers = {"HX-Request": "true", "X-CSRFToken": token}

    def post(path: str, code: str) -> str:
        response = client.post(path, {"kode": code, "csrfmiddlewaretoken": token}, headers=headers)
        assert response.status_code == 200, response.status_code
        return response.content.decode()

    def pair(n: int) -> None:
        barcode = barcodes[n % len(barcodes)]
        if n % PAIRS_PER_MEMBER == 0:
            post(SCAN, members[(n // PAIRS_PER_MEMBER) % len(members)])
        assert succeeded(newest_line(post(SCAN, barcode)), barcode)
        assert succeeded(newest_line(post(CHECKIN, barcode)), barcode)

    for n in range(20):  # warm: templates compiled, connections open
        pair(n)
    queries: dict[str, int] = {}
    with CaptureQueriesContext(connection) as captured:
        post(SCAN, members[1])
    queries["card scan"] = len(captured)
    with CaptureQueriesContext(connection) as captured:
        post(SCAN, barcodes[1])
    queries["checkout"] = len(captured)
    with CaptureQueriesContext(connection) as captured:
        post(CHECKIN, barcodes[1])
    queries["checkin"] = len(captured)
    reset_queries()
    # Wall time per request without the profiler, and an empty scan: the desk's floor (session,
    # sign-in, permissions, the panel) with no lending at all.
    timings: dict[str, list[float]] = defaultdict(list)
    for n in range(pairs):
        barcode = barcodes[n % len(barcodes)]
        for kind, path, code in (
            ("card scan", SCAN, members[(n // PAIRS_PER_MEMBER) % len(members)]),
            ("checkout", SCAN, barcode),
            ("checkin", CHECKIN, barcode),
            ("empty scan, return mode", CHECKIN, ""),
        ):
            start = time.perf_counter()
            post(path, code)
            timings[kind].append((time.perf_counter() - start) * 1000)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    for n in range(pairs):
        pair(n)
    profiler.disable()
    elapsed = time.perf_counter() - start
    stats = pstats.Stats(profiler)
    groups = []
    for label, functions in PROFILE_GROUPS:
        cumulative = 0.0
        for path, name in functions:
            cumulative += max(
                [
                    row[3]
                    for (file, _line, func), row in stats.stats.items()  # type: ignore[attr-defined]
                    if func == name and file.endswith(path)
                ]
                or [0.0]
            )
        groups.append((label, cumulative))
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(25)
    with CaptureQueriesContext(connection) as captured:
        post(CHECKIN, "")
    queries["empty scan, return mode"] = len(captured)
    medians = {kind: statistics.median(samples) for kind, samples in timings.items()}
    return {"pairs": pairs, "elapsed": elapsed, "queries": queries, "groups": groups,
            "top": text.getvalue(), "medians": medians}  # fmt: skip


# -- main -------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--titles", type=int, default=400)
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--races", type=int, default=200)
    parser.add_argument("--profile-pairs", type=int, default=300)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=3, help="threads per gunicorn worker")
    parser.add_argument("--server", choices=("gunicorn", "granian"), default="gunicorn")
    parser.add_argument("--no-worker", action="store_true", help="drain the outbox afterwards")
    parser.add_argument("--no-write", action="store_true", help="print, leave the docs alone")
    args = parser.parse_args()
    if args.postgres:
        start_postgres(SCRATCH)
    try:
        run(args)
    finally:
        if args.postgres:
            stop_postgres()
        shutil.rmtree(SCRATCH, ignore_errors=True)


def run(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from simpul.catalog.indexing import drain_outbox
    from simpul.demo.network import load_demo
    from simpul.demo.personas import DEMO_PASSWORD

    call_command("migrate", verbosity=0)
    load_demo()
    started = time.perf_counter()
    build_world(args.items, args.members, args.titles)
    print(f"world: {args.items} copies, {args.members} members "
          f"({time.perf_counter() - started:.1f} s)", flush=True)  # fmt: skip
    vendor = connection.vendor
    connection.close()  # the servers own the database now

    members = [NUMBER.format(n) for n in range(args.members)]
    barcodes = [BARCODE.format(n) for n in range(args.items)]
    race_barcode, barcodes = barcodes[-1], barcodes[:-1]
    race_members, members = (members[-2], members[-1]), members[:-2]
    args.load = Path("/proc/loadavg").read_text().split()[0]  # other work on the machine
    servers = Servers(not args.no_worker, args.workers, args.threads, args.server)
    tally, warm = Tally(), Tally()
    try:
        desks = [Desk(servers.port) for _ in range(args.clients)]
        for desk in desks:
            desk.login("budi", DEMO_PASSWORD)
        run_load(desks, members, barcodes, 3, warm)  # warm-up: templates, connections, caches
        print(f"warm-up: {warm.pairs} pairs, {len(warm.errors)} errors", flush=True)
        cpu_before = servers.cpu()
        elapsed = run_load(desks, members, barcodes, args.seconds, tally)
        cpu_after = servers.cpu()
        racers = [Desk(servers.port), Desk(servers.port)]
        for desk in racers:
            desk.login("budi", DEMO_PASSWORD)
        race = run_races(racers[0], racers[1], race_members, race_barcode, args.races)
        floor = run_floor(desks, min(args.seconds, 10))
        alone = Tally()  # one desk on its own: what concurrency adds
        alone_elapsed = run_load(desks[:1], members, barcodes, min(args.seconds, 10), alone)
    finally:
        servers.stop()
    start = time.perf_counter()
    left = drain_outbox(limit=10_000_000)
    drained = time.perf_counter() - start
    found = check_database(warm.lent + tally.lent + alone.lent + race.one_winner)
    cpu = {k: cpu_after[k] - cpu_before[k] for k in cpu_after}
    rate = tally.pairs / elapsed
    target = TARGETS[vendor]
    result = {
        "rate": rate, "pairs": tally.pairs, "elapsed": elapsed, "errors": tally.errors,
        "latency": tally.latency, "race": race, "found": found, "cpu": cpu,
        "left": left, "drained": drained, "target": target, "warm_errors": warm.errors,
        "floor": floor, "alone": (alone, alone_elapsed),
    }  # fmt: skip
    report = summary(result, args)
    print(*report, sep="\n", flush=True)
    profiled = profile(members, barcodes, args.profile_pairs)
    print(profiled["top"])
    rows = report + profile_rows(profiled)
    print(*profile_rows(profiled), sep="\n", flush=True)
    if not args.no_write:
        write_section(vendor, section(vendor, args, rows))
    ok = (
        not tally.errors and not warm.errors and not alone.errors and database_ok(found)
        and race.one_winner == race.rounds == race.loser_told and not race.odd
    )  # fmt: skip
    if tally.errors or warm.errors or alone.errors or race.odd:
        print("ERRORS:", *(tally.errors + warm.errors + alone.errors + race.odd)[:20], sep="\n  ")
    if not ok:
        sys.exit(1)


def summary(r: dict[str, Any], args: argparse.Namespace) -> list[str]:
    latency = r["latency"]
    race: Race = r["race"]
    found = r["found"]
    met = "met" if r["rate"] >= r["target"] else "**missed**"
    rows = [
        f"| checkout + checkin pairs over HTTP, {args.clients} desks, {r['elapsed']:.0f} s "
        f"| **{r['rate']:.0f} pairs/s** ({r['pairs']:,} pairs) | target ≥ {r['target']}: {met} |",
    ]
    alone, alone_elapsed = r["alone"]
    alone_p50 = statistics.median(alone.latency["checkout"] or [0])
    rows.append(
        f"| the same, one desk alone, {alone_elapsed:.0f} s "
        f"| {alone.pairs / alone_elapsed:.0f} pairs/s, checkout p50 {alone_p50:.0f} ms "
        f"| {len(alone.errors)} errors |"
    )
    for kind in ("checkout", "checkin", "card scan"):
        samples = latency.get(kind, [])
        rows.append(
            f"| {kind} request ({len(samples):,}) "
            f"| p50 {statistics.median(samples or [0]):.0f} ms, "
            f"p95 {percentile(samples, 0.95):.0f} ms | |"
        )
    rows.append(
        f"| errors (not 200, or not a success line) | {len(r['errors'])} "
        f"| warm-up: {len(r['warm_errors'])} |"
    )
    overlaps = found["loans overlapping another loan of the copy"]
    rows.append(
        f"| double loans | {found['copies with two open loans']} copies with two open loans, "
        f"{overlaps} overlapping loans | {found['loans']:,} loans checked: "
        f"{found['CHECKOUT events']:,} CHECKOUT and {found['CHECKIN events']:,} CHECKIN events, "
        f"{found['status changes']:,} status changes, {found['open loans']} still open |"
    )
    rows.append(
        f"| two desks racing for one copy, {race.rounds} rounds | {race.one_winner} with exactly "
        f'one winner | the loser told "just lent at another desk" {race.loser_told} times |'
    )
    count, seconds, samples, failures = r["floor"]
    rows.append(
        f"| for scale: empty return-mode scans over HTTP, {args.clients} desks "
        f"| {count / seconds:.0f} requests/s, p50 {statistics.median(samples or [0]):.0f} ms, "
        f"p95 {percentile(samples, 0.95):.0f} ms | sign-in, session, permissions and the panel, "
        f"no lending and no write; {failures} failures |"
    )
    cpu = r["cpu"]
    per_pair = ", ".join(
        f"{name} {seconds / max(r['pairs'], 1) * 1000:.1f} ms" for name, seconds in cpu.items()
    )
    busy = sum(cpu.values()) / r["elapsed"]
    rows.append(f"| CPU per pair | {per_pair} | {busy:.2f} of {os.cpu_count()} cores busy |")
    left = "worker beside gunicorn" if not args.no_worker else "no worker during the run"
    rows.append(
        f"| search outbox after the run ({left}) | {r['left']:,} rows drained "
        f"in {r['drained']:.1f} s | |"
    )
    return rows


def profile_rows(p: dict[str, Any]) -> list[str]:
    per_pair = p["elapsed"] / p["pairs"] * 1000
    q, m = p["queries"], p["medians"]
    pair = m["checkout"] + m["checkin"] + m["card scan"] / PAIRS_PER_MEMBER
    rows = [
        f"| in process, one thread, no profiler: one pair | {pair:.1f} ms "
        f"(~{1000 / pair:.0f} pairs/s per core) | card scans included, one per "
        f"{PAIRS_PER_MEMBER} pairs |",
    ]
    for kind in ("checkout", "checkin", "card scan", "empty scan, return mode"):
        rows.append(
            f"| &nbsp;&nbsp;{kind} request | {m[kind]:.1f} ms p50 | {q[kind]} SQL statements |"
        )
    rows.append(
        f"| under cProfile ({p['pairs']} pairs, {per_pair:.0f} ms per pair with the profiler): "
        f"inclusive time of | ms per pair | share |"
    )
    for label, seconds in p["groups"]:
        rows.append(
            f"| &nbsp;&nbsp;{label} | {seconds / p['pairs'] * 1000:.1f} ms per pair "
            f"| {seconds / p['elapsed'] * 100:.0f} % |"
        )
    return rows


def section(vendor: str, args: argparse.Namespace, rows: list[str]) -> str:
    engine = "PostgreSQL" if vendor == "postgresql" else "SQLite (embedded)"
    flags = " --postgres" if args.postgres else ""
    return "\n".join(
        [
            f"### {engine}, {args.items:,} copies, {args.members} members",
            "",
            f"Command: `.venv/bin/python bench/circulation.py{flags}` (part of `make bench`).",
            f"Machine: {machine()}; 1-minute load average {args.load} as the run began.",
            f"gunicorn {args.workers} workers × {args.threads} threads and `simpul_worker` on the "
            "same machine as the "
            f"{args.clients} desk clients (Budi at KOTA, signed in through the login form, "
            "htmx POSTs as desk.js sends them; a member's card is scanned before every second "
            "loan, and those scans are timed but not counted as pairs).",
            "",
            "| measure | result | note |",
            "|---|---|---|",
            *rows,
            "",
        ]
    )


def write_section(vendor: str, text: str) -> None:
    """Replace this database's subsection under "## Circulation (issue 4)", keeping the rest."""
    engine = "PostgreSQL" if vendor == "postgresql" else "SQLite (embedded)"
    path = ROOT / "docs" / "benchmarks.md"
    content = path.read_text()
    head = "## Circulation (issue 4)"
    if head not in content:
        content = content.rstrip("\n") + f"\n\n{head}\n"
    before, _, rest = content.partition(head)
    body, marker, after = rest.partition("\n## ")
    intro, *parts = body.split("\n### ")
    engines = ("SQLite (embedded),", "PostgreSQL,")  # results first, in this order; notes after
    runs = {e: p for p in parts for e in engines if p.startswith(e)}
    runs[f"{engine},"] = text.strip().removeprefix("### ")
    notes = [p for p in parts if not p.startswith(engines)]
    ordered = [runs[e] for e in engines if e in runs] + notes
    body = intro.rstrip("\n") + "\n\n" + "\n\n".join(f"### {p.strip()}" for p in ordered) + "\n"
    path.write_text(before + head + body + (f"\n## {after}" if marker else ""))


if __name__ == "__main__":
    main()

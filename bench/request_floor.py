"""The floor under every desk request, over HTTP: an authenticated htmx POST to a staff view
that checks the desk permission and answers one fixed line (bench/floor_urls.py).

    .venv/bin/python bench/request_floor.py [--server gunicorn|granian] [--workers W]
        [--threads T] [--seconds S]

Eight clients signed in as Budi post over keep-alive connections for S seconds after a short
warm-up. Prints requests/s and the CPU per request of the server and of the clients: what a
desk scan costs before it does anything (decision 0013). Not part of `make bench`: it measures
the stack, not Simpul; granian is installed only to compare (`pip install granian`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import circulation  # noqa: E402  (its scratch environment, desks and servers)

FLOOR = "/lantai/KOTA/"


def hammer(desks: list[circulation.Desk], seconds: float) -> int:
    count = 0
    lock = threading.Lock()
    until = time.perf_counter() + seconds

    def loop(desk: circulation.Desk) -> None:
        nonlocal count
        done = 0
        while time.perf_counter() < until:
            desk.post(FLOOR, "x", circulation.DESK)
            done += 1
        with lock:
            count += done

    threads = [threading.Thread(target=loop, args=(desk,)) for desk in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", choices=("gunicorn", "granian"), default="gunicorn")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.floor_settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from simpul.demo.network import load_demo
    from simpul.demo.personas import DEMO_PASSWORD

    call_command("migrate", verbosity=0)
    load_demo()
    connection.close()
    servers = circulation.Servers(False, args.workers, args.threads, args.server)
    try:
        desks = [circulation.Desk(servers.port) for _ in range(args.clients)]
        for desk in desks:
            desk.login("budi", DEMO_PASSWORD)
        hammer(desks, 3)  # warm-up
        before, mine = servers.cpu(), time.process_time()
        started = time.perf_counter()
        done = hammer(desks, args.seconds)
        elapsed = time.perf_counter() - started
        after, mine = servers.cpu(), time.process_time() - mine
    finally:
        servers.stop()
        shutil.rmtree(circulation.SCRATCH, ignore_errors=True)
    web = (after["web (gunicorn)"] - before["web (gunicorn)"]) * 1000 / done  # either server
    print(
        f"{args.server} {args.workers} x {args.threads}, {args.clients} clients, "
        f"{args.seconds:.0f} s: {done / elapsed:,.0f} requests/s, server CPU "
        f"{web:.2f} ms per request, clients {mine * 1000 / done:.2f} ms per request"
    )


if __name__ == "__main__":
    main()

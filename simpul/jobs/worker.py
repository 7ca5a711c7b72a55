"""The one worker: drains the search outbox, runs queued imports, keeps the subject headings
of the A-Z browse up to date and, every ten minutes, expires holds and sends due notices,
expires ended agreements and sends their reminders, marks interlibrary loans overdue; sends
ISO 18626 messages every few seconds; forever or once."""

from __future__ import annotations

import logging
import time
from datetime import date

from django.utils import timezone

from simpul.catalog.imports import claim_next_import, run_import
from simpul.catalog.indexing import drain_outbox
from simpul.catalog.subjects import RefreshSchedule
from simpul.circulation.holds import expire_holds
from simpul.circulation.notices import send_due_notices
from simpul.network.ill.due_dates import overdue_round as ill_overdue_round
from simpul.network.ill.outbox import ill_round
from simpul.network.reminders import agreements_round
from simpul.network.union.harvester import harvest_round

log = logging.getLogger(__name__)
# Every catalog change passes through the outbox, so a drained outbox means headings may differ.
_headings = RefreshSchedule()


def run_once(*, eager: bool = False) -> bool:
    """One round of work; True if anything was done. ``eager`` refreshes the subject headings
    at once when the catalog changed, instead of when the schedule allows."""
    did = drain_outbox() > 0
    job = claim_next_import()
    if job is not None:
        log.info("import %s: %s into %s", job.pk, job.original_name, job.library.code)
        run_import(job)
        drain_outbox()
        did = True
    if did:
        _headings.changed()
    _headings.run_if_due(eager=eager)
    if _circulation.due() and circulation_round() > 0:
        did = True  # copies changed status: the next round indexes them
    if _agreements.due():
        partners_round()
    if _ill_overdue.due():
        ill_overdue_round()  # lent copies past their due date become Overdue (peers are told)
    if _ill.due():
        ill_round()  # interlibrary loan messages to ISO 18626 peers, retried with backoff
    if _harvests.due() and union_round() > 0:
        did = True  # union catalog harvests (union/harvester.py); the next round indexes them
    return did


class Every:
    """Due when the worker starts, then at most once per ``seconds``."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.next_at = 0.0

    def due(self, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        if now < self.next_at:
            return False
        self.next_at = now + self.seconds
        return True


# Hold expiry and notices go by the day; ten minutes is soon enough and costs nothing.
_circulation = Every(600)
# Agreements expire and are reminded by the day too.
_agreements = Every(600)
# Union catalog sources are harvested on their own intervals; "harvest now" waits at most this.
_harvests = Every(60)
# ISO 18626 messages leave within seconds; a failed one waits for its own backoff.
_ill = Every(5)
# Interlibrary loans fall overdue by the day.
_ill_overdue = Every(600)


def circulation_round(today: date | None = None) -> int:
    """Expire uncollected holds, then send the notices due; returns how many holds expired.

    Each step runs even if the other failed (the failure is logged with its traceback)."""
    today = today or timezone.localdate()
    expired = 0
    try:
        expired = expire_holds(today)
    except Exception:
        log.exception("expiring holds failed")
    try:
        counts = send_due_notices(today)
    except Exception:
        log.exception("sending notices failed")
        counts = None
    if expired or counts:
        log.info("circulation: %s holds expired, notices %s", expired, dict(counts or {}))
    return expired


def partners_round(today: date | None = None) -> dict[str, int]:
    """Expire agreements past their end date and send the reminders due (logged, never raised)."""
    try:
        counts = agreements_round(today or timezone.localdate())
    except Exception:
        log.exception("agreement reminders failed")
        return {}
    if any(counts.values()):
        log.info("agreements: %s", counts)
    return counts


def union_round() -> int:
    """Harvest the union catalog's OAI-PMH sources that are due (each run records its own
    errors; anything else is logged, never raised)."""
    try:
        runs = harvest_round()
    except Exception:
        log.exception("union catalog harvest failed")
        return 0
    for run in runs:
        log.info("harvest %s: %s, %s records", run.source_id, run.status, run.records)
    return len(runs)


def run_forever(idle_sleep: float = 0.5) -> None:
    while True:
        try:
            busy = run_once()
        except Exception:  # keep the worker alive; the error is logged with its traceback
            log.exception("worker round failed")
            busy = False
        if not busy:
            time.sleep(idle_sleep)

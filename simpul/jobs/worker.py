"""The one worker: drains the search outbox and runs queued imports, forever or once."""

from __future__ import annotations

import logging
import time

from simpul.catalog.imports import claim_next_import, run_import
from simpul.catalog.indexing import drain_outbox

log = logging.getLogger(__name__)


def run_once() -> bool:
    """One round of work; True if anything was done."""
    did = drain_outbox() > 0
    job = claim_next_import()
    if job is not None:
        log.info("import %s: %s into %s", job.pk, job.original_name, job.library.code)
        run_import(job)
        drain_outbox()
        did = True
    return did


def run_forever(idle_sleep: float = 0.5) -> None:
    while True:
        try:
            busy = run_once()
        except Exception:  # keep the worker alive; the error is logged with its traceback
            log.exception("worker round failed")
            busy = False
        if not busy:
            time.sleep(idle_sleep)

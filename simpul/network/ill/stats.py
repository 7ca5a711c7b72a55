"""The ILL dashboard's figures: open requests by status, fill rate, turnaround times."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from django.db.models import Count, QuerySet

from simpul.network.ill.choices import OPEN, OUT_ON_LOAN, IllStatus
from simpul.network.ill.models import IllRequest

FILLED = (*OUT_ON_LOAN, IllStatus.LOAN_COMPLETED, IllStatus.COMPLETED_WITHOUT_RETURN)
DAY = 86400.0


@dataclass(frozen=True)
class Dashboard:
    open_by_status: list[tuple[str, int]]  # (label, count), in lifecycle order
    total: int
    filled: int
    unfilled: int
    fill_rate: float | None  # filled / (filled + unfilled); None before any is decided
    days_to_receive: float | None  # median, request -> Received
    days_to_complete: float | None  # median, request -> LoanCompleted


def dashboard(requests: QuerySet[IllRequest]) -> Dashboard:
    counts = dict(requests.values_list("status").annotate(n=Count("pk")).order_by())
    filled = sum(counts.get(status, 0) for status in FILLED)
    unfilled = counts.get(IllStatus.UNFILLED, 0)
    received = requests.filter(received_at__isnull=False).values_list("created_at", "received_at")
    completed = requests.filter(status=IllStatus.LOAN_COMPLETED, closed_at__isnull=False)
    done = completed.values_list("created_at", "closed_at")
    return Dashboard(
        open_by_status=[
            (str(s.label), counts[s]) for s in IllStatus if s in OPEN and counts.get(s)
        ],
        total=sum(counts.values()),
        filled=filled,
        unfilled=unfilled,
        fill_rate=filled / (filled + unfilled) if filled + unfilled else None,
        days_to_receive=_median_days(received),
        days_to_complete=_median_days(done),
    )


def _median_days(pairs) -> float | None:  # type: ignore[no-untyped-def]
    spans = [(end - start).total_seconds() / DAY for start, end in pairs]
    return round(median(spans), 1) if spans else None

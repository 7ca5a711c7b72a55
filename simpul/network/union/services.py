"""The union catalog's use cases: merging contributions, the review queue and unmerge.

Every change to who holds a record queues the record for the search index in the same
transaction; a union-made record that nobody holds any more is deleted through
``catalog.services.delete_record`` (tombstone, OAI-PMH deletion, 410 page).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from simpul.accounts.models import User
from simpul.catalog.models import Record
from simpul.catalog.records import queue_for_index
from simpul.catalog.services import delete_record
from simpul.network.union import keys as keymod
from simpul.network.union.choices import MatchMethod, ReviewStatus
from simpul.network.union.errors import NothingToUnmerge, ReviewAlreadyDecided
from simpul.network.union.matcher import profile
from simpul.network.union.merge import (
    Incoming,
    MergeReport,
    delete_empty,
    merge_all,
    merge_batch,
    record_values,
    union_marc,
)
from simpul.network.union.models import Contribution, Review

__all__ = [
    "Incoming",
    "MergeReport",
    "accept_review",
    "delete_empty",
    "merge_all",
    "merge_batch",
    "reject_review",
    "unmerge",
]


def _decide(review: Review, status: str, by: User | None) -> Review:
    """Claim the pending review with a conditional UPDATE: two staff deciding at once cannot
    both act on it."""
    claimed = Review.objects.filter(pk=review.pk, status=ReviewStatus.PENDING).update(
        status=status, decided_by=by, decided_at=timezone.now()
    )
    if not claimed:
        review.refresh_from_db()
        raise ReviewAlreadyDecided(status=review.get_status_display())
    review.refresh_from_db()
    return review


def accept_review(review: Review, *, by: User | None) -> Contribution:
    """Merge the reviewed contribution into the candidate; the record it stood in alone goes
    when nobody else holds it. Raises ReviewAlreadyDecided."""
    with transaction.atomic():
        review = _decide(review, ReviewStatus.ACCEPTED, by)
        contribution = review.contribution
        old = contribution.record_id
        contribution.record_id = review.candidate_id
        contribution.method = MatchMethod.REVIEWED
        contribution.save(update_fields=["record", "method", "updated_at"])
        queue_for_index([review.candidate_id] + ([old] if old else []))
        if old:
            _delete_if_made_and_empty(old)
    return contribution


def reject_review(review: Review, *, by: User | None) -> Review:
    """Keep the contribution in its own record. Raises ReviewAlreadyDecided."""
    with transaction.atomic():
        return _decide(review, ReviewStatus.REJECTED, by)


def unmerge(contribution: Contribution, *, by: User | None) -> Record:
    """Split a wrongly merged contribution back into a record of its own, made from the
    MARC record the library sent. Raises NothingToUnmerge when it already stands alone."""
    if contribution.deleted or contribution.method in (MatchMethod.NEW, MatchMethod.UNMERGED):
        raise NothingToUnmerge(local_id=contribution.local_id, library=contribution.library.name)
    with transaction.atomic():
        values = record_values(union_marc(contribution.marc))
        record = Record(library=contribution.library, **values)
        record.save()
        numbers = keymod.system_numbers(contribution.marc)
        keymod.add_keys({record.pk: keymod.keys_of(values, numbers)}, {record.pk: profile(values)})
        old = contribution.record_id
        contribution.record = record
        contribution.method = MatchMethod.UNMERGED
        contribution.save(update_fields=["record", "method", "updated_at"])
        queue_for_index([record.pk] + ([old] if old else []))
    return record


def _delete_if_made_and_empty(record_id: int) -> None:
    # The record the accepted contribution was created in is now held by nobody: it was made
    # by that contribution, so it counts as union-made although the link moved.
    if not Contribution.objects.filter(record_id=record_id, deleted=False).exists():
        record = Record.objects.filter(pk=record_id).first()
        if record is not None and not record.items.exists():
            delete_record(record, by=None)

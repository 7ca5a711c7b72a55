"""Forked readers: the processes that prepare an import's batches while the importer writes.

Binary MARC is read by one process per core, each preparing every n-th batch of the file; the
importer reads their pipes in turn, so batches arrive in file order.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import queue
import threading
from collections.abc import Iterator
from typing import Any, BinaryIO

from simpul.catalog.errors import UnreadableFile
from simpul.catalog.import_prepare import Prepared, prepare
from simpul.catalog.marc.errors import UnknownFormat
from simpul.catalog.marc.reader import HEAD_SIZE, detect_format
from simpul.catalog.search import analyze


def readers_for(stream: BinaryIO, fmt: str) -> int:
    """How many processes should read ``stream``: one, or one per core (at most four) for
    binary MARC, whose records can be cut without being decoded."""
    cores = min(os.cpu_count() or 1, 4)
    if cores == 1 or not _reopenable(stream):
        return 1
    if fmt == "auto":
        try:
            here = stream.tell()
            head = stream.read(HEAD_SIZE)
            stream.seek(here)
            fmt = detect_format(head)
        except (OSError, ValueError, UnknownFormat):
            return 1
    return cores if fmt == "marc" else 1


def _reopenable(stream: BinaryIO) -> bool:
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):
        return True  # in memory: each forked child has its own copy
    return os.path.exists(f"/proc/self/fd/{fd}")


def _own_stream(stream: BinaryIO) -> BinaryIO:
    """``stream`` with a file position of its own: forked processes share an open file's."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):
        return stream
    own = open(f"/proc/self/fd/{fd}", "rb")  # noqa: SIM115 - closed when the child ends
    own.seek(stream.tell())
    return own


def prepared_elsewhere(
    stream: BinaryIO, fmt: str, encoding: str, readers: int = 1
) -> Iterator[tuple[list[Prepared], int]]:
    """``prepare`` run in forked children; batches come back through pipes, in file order.

    With several children, child k prepares batches k, k + n, ...; reading their pipes in turn
    gives the batches in order. A child that has no more batches sends None, and since batches
    are consecutive, so is every later one: the first None ends the import.
    """
    analyze("membaca", "ind")  # load the stemmer's dictionary once, before the children fork
    context = multiprocessing.get_context("fork")
    receivers, children = [], []
    for k in range(readers):
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(
            target=_prepare_into,
            args=(sender, stream, fmt, encoding, (k, readers)),
            daemon=True,
        )
        child.start()
        sender.close()
        receivers.append(receiver)
        children.append(child)
    try:
        for turn in itertools.count():
            message = receivers[turn % readers].recv()
            if message is None:
                break
            if isinstance(message, str):
                raise UnreadableFile(name=getattr(stream, "name", "upload"), reason=message)
            yield message
    finally:
        for receiver in receivers:
            receiver.close()
        for child in children:
            child.join(timeout=5)
            if child.is_alive():
                child.kill()


def _prepare_into(
    sender: Any, stream: BinaryIO, fmt: str, encoding: str, share: tuple[int, int]
) -> None:
    """The child's loop. A thread sends, so preparing goes on while a batch waits in the pipe
    for the parent (a pipe holds 64 KiB; a batch is about 1 MB): up to three batches ahead."""
    # A reader makes acyclic values only, and lives as long as the import: no cycle collector.
    gc.disable()
    outbox: queue.Queue[Any] = queue.Queue(maxsize=3)

    def send() -> None:
        while (message := outbox.get()) is not None:
            sender.send(message)
            if isinstance(message, str):
                return
        sender.send(None)

    thread = threading.Thread(target=send, daemon=True)
    thread.start()
    try:
        own = _own_stream(stream) if share[1] > 1 else stream
        for message in prepare(own, fmt, encoding, share):
            outbox.put(message)
        outbox.put(None)
    except Exception as error:  # the parent reports it; a child must not die silently
        outbox.put(str(error))
    finally:
        thread.join()
        sender.close()

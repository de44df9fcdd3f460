"""Typst source -> PDF bytes (the "write" step, for the book): one layout, or each piece in a process of its own.

Typst (the ``typst`` package: the compiler in a wheel, no system library) writes a tagged PDF
(PDF/UA-1). Nothing is fetched and no file is read: Typst's project root is an empty temporary
folder, so even a path a source asked for would find nothing, and the book imports no package, so
nothing is downloaded. Fonts are the system's, found by Typst itself.

Typst keeps what it laid out (its memoized layouts) for the life of the process: two pieces laid out
in one process take the memory of both. So :func:`typeset_apart` lays out each piece in a fresh
process, one after another, and the book's memory is that of its largest piece.
"""

from __future__ import annotations

import concurrent.futures
import datetime
import os
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

#: Tagged PDF for screen readers (PDF/UA-1): Typst tags headings, lists, tables, links and
#: footnotes (as notes), and refuses to write a PDF/UA file that would break the standard.
PDF_STANDARDS = ["ua-1"]
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


class PdfError(Exception):
    """The PDF could not be made (a message for the user, not a traceback)."""


def typeset(source: str, *, timestamp: datetime.datetime | None = None) -> bytes:
    """Lay out the Typst ``source`` (``render/booksource.py``); the PDF's bytes.

    ``timestamp`` is what Typst takes for "now"; the book dates the document from its content, so
    the same content gives the same bytes.
    """
    import typst

    with (
        tempfile.TemporaryDirectory(prefix="timeline-book-") as empty,
        warnings.catch_warnings(record=True) as caught,
    ):
        warnings.simplefilter("always")
        try:
            pdf = typst.compile(
                source.encode("utf-8"),
                root=empty,
                pdf_standards=PDF_STANDARDS,
                timestamp=timestamp or EPOCH,
                package_path=empty,
                package_cache_path=empty,
            )
        except typst.TypstError as err:
            raise PdfError(f"Typst could not lay out the book: {_message(err)}") from None
    for warning in caught:  # a warning is the template's fault: say it, never hide it
        print(f"PDF warning: {_message(warning.message)}", file=sys.stderr)
    return pdf


def _message(err) -> str:
    return " ".join(str(getattr(err, "message", err) or err).split())[:500]


def typeset_apart(source: str, *, timestamp: datetime.datetime | None = None) -> bytes:
    """The PDF of ``source`` (see :func:`typeset`), laid out in a new Python process.

    A plain child process (this module run as a program, the source on its standard input and the
    PDF on its output), rather than ``multiprocessing``, which would import the caller's main module
    again in the child.
    """
    package_root = str(Path(__file__).resolve().parents[2])  # the child imports this same package
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")])))
    stamp = (timestamp or EPOCH).isoformat()
    run = subprocess.run(
        [sys.executable, "-m", __name__, stamp], input=source.encode("utf-8"), capture_output=True, env=env
    )
    messages = run.stderr.decode("utf-8", "replace")
    if run.returncode == FAILED:
        raise PdfError(messages.strip())
    if run.returncode != 0:
        raise PdfError(f"Typst stopped while laying out the book (exit status {run.returncode}): {messages[-500:]}")
    sys.stderr.write(messages)  # Typst's warnings
    return run.stdout


#: The child's exit status when Typst refused the source (its message on stderr).
FAILED = 3

#: Pieces laid out at the same time: Typst lays out one piece on about one core, so two take
#: two cores, and the memory of two pieces (each about 450 MB at 150 events).
WORKERS = 2


class Typesetter:
    """Lays out sources, each in a process of its own (:func:`typeset_apart`), ``workers`` at a time."""

    def __init__(self, timestamp: datetime.datetime | None = None, workers: int = WORKERS):
        self.timestamp = timestamp
        self.workers = max(1, min(workers, os.cpu_count() or 1))

    def one(self, source: str) -> bytes:
        """The PDF of ``source``."""
        return typeset_apart(source, timestamp=self.timestamp)

    def many(self, sources: Iterable[str]) -> Iterator[bytes]:
        """The PDFs of ``sources``, in their order."""
        with concurrent.futures.ThreadPoolExecutor(self.workers) as pool:  # each thread waits on a process
            yield from pool.map(self.one, sources)


def _child(stamp: str) -> int:
    try:
        pdf = typeset(sys.stdin.buffer.read().decode("utf-8"), timestamp=datetime.datetime.fromisoformat(stamp))
    except PdfError as err:
        print(err, file=sys.stderr)
        return FAILED
    sys.stdout.buffer.write(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1]))

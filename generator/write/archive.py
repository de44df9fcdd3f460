"""Files as a zip with the same bytes for the same files (the "write" step).

The offline edition is zipped with fixed file times and modes, so two builds of
the same commit give the same zip.
"""

from __future__ import annotations

import queue
import threading
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

#: The time of every file in the zip: the build clock would make each build's zip different.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
#: How many files may be made ahead of the one being compressed.
AHEAD = 64


def zip_files(files: Iterable[tuple[str, bytes]], out: Path, *, level: int = 6) -> Path:
    """Zip ``(path, bytes)`` pairs, in the order given, under one top folder named like the zip.

    Each file is written as it comes, so that a whole site is never held in memory at once. The
    files are made in a second thread while this one compresses: zlib lets go of the interpreter
    while it works, so making the next files (Python) and deflating (C) share two cores.
    ``level`` is zlib's, 1 (fastest) to 9 (smallest).
    """
    top = out.name.removesuffix(".zip")
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in _ahead(files):
            info = zipfile.ZipInfo(f"{top}/{name}", ZIP_TIME)
            info.external_attr = 0o644 << 16
            archive.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=level)
    return out


def _ahead(items: Iterable) -> Iterator:
    """The items of ``items``, made in a thread of their own up to AHEAD before they are taken;
    an exception raised while making them is raised here."""
    made: queue.Queue = queue.Queue(maxsize=AHEAD)
    done, stop = object(), threading.Event()

    def make() -> None:
        try:
            for item in items:
                if stop.is_set():
                    return
                made.put(item)
            made.put(done)
        except BaseException as err:  # handed over: raised in the thread that takes the items
            made.put(err)

    worker = threading.Thread(target=make, daemon=True)
    worker.start()
    try:
        while (item := made.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while worker.is_alive():  # let a maker blocked on a full queue see the stop
            try:
                made.get_nowait()
            except queue.Empty:
                worker.join(0.05)

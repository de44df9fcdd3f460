"""Files as a zip with the same bytes for the same files (the "write" step).

The offline edition is zipped with fixed file times and modes, so two builds of
the same commit give the same zip.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

#: The time of every file in the zip: the build clock would make each build's zip different.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def zip_files(files: Iterable[tuple[str, bytes]], out: Path) -> Path:
    """Zip ``(path, bytes)`` pairs, in the order given, under one top folder named like the zip.

    Each file is written as it comes, so that a whole site is never held in memory at once.
    """
    top = out.name.removesuffix(".zip")
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files:
            info = zipfile.ZipInfo(f"{top}/{name}", ZIP_TIME)
            info.external_attr = 0o644 << 16
            archive.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    return out

"""A folder as a zip with the same bytes for the same files (the "write" step).

The offline edition is zipped with fixed file times and modes, so two builds of
the same commit give the same zip.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

#: Files of a built site that only a web server uses, left out of the offline edition.
SERVER_ONLY = {"404.html", "sitemap.xml", "sitemap.xml.gz"}
#: The time of every file in the zip: the build clock would make each build's zip different.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def zip_site(folder: Path, out: Path) -> Path:
    """Zip a built site under one top folder named like the zip, the same bytes for the same files.

    Left out: source maps (a third of Material's scripts; only a debugger reads them), and the
    404 page and sitemap, which only a web server uses (the 404 page links from the server's root).
    """
    top = out.name.removesuffix(".zip")
    files = [
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix != ".map" and p.relative_to(folder).as_posix() not in SERVER_ONLY
    ]
    with zipfile.ZipFile(out, "w") as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", ZIP_TIME)
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED)
    return out

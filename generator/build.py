"""``python -m generator build``: validate, build into a temporary folder, then swap.

The "write" step's face. MkDocs empties ``site_dir`` before it builds, so a
failed ``mkdocs build`` would leave no site at all. Here the site is built
into a sibling temporary folder and replaces ``site/`` only when everything
succeeded: a failed build leaves the previous site exactly as it was. A build
stopped by SIGTERM removes its temporary folder itself; one killed outright
(SIGKILL, power loss) leaves it behind, and the next build removes it.

The offline edition is built in the same step, before the swap: the same
pages again with MkDocs' ``use_directory_urls: false`` (links then name
``.html`` files, which a browser opens from ``file://``; ``events/x/`` would
open a folder listing) and Material's ``offline`` plugin (the search index is
inlined as a script, as ``file://`` pages cannot fetch JSON). Material loads
the worker shim search needs from unpkg.com; the site carries its own copy
instead (theme/assets/javascripts/iframe-worker-shim.js), so the edition asks
nothing of any host. It is zipped into ``timeline-offline.zip`` with fixed
file times, so two builds of the same commit give the same zip.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import tempfile
import threading
import zipfile
from contextlib import contextmanager
from pathlib import Path

from .problems import ProblemsFound, display_path

TEMP_PREFIX = ".site-"
OFFLINE_ZIP = "timeline-offline.zip"
OFFLINE_PLUGIN = "material/offline"
#: Material's offline plugin adds its CDN shim unless a polyfill naming "iframe-worker" is listed.
WORKER_SHIM = "assets/javascripts/iframe-worker-shim.js"
#: Files of the site that only a web server uses, left out of the offline edition.
SERVER_ONLY = {"404.html", "sitemap.xml", "sitemap.xml.gz"}
#: The time of every file in the zip: the build clock would make each build's zip different.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site-dir", "-d", type=Path, default=None, help="where to write the site (default: the site_dir of mkdocs.yml, site/)")
    parser.add_argument("--strict", action=argparse.BooleanOptionalAction, default=True, help="treat MkDocs warnings as errors (default: on)")


def run(args: argparse.Namespace) -> int:
    from .cli import report

    try:
        target = build_site(args.config, args.site_dir, strict=args.strict)
    except ProblemsFound as found:
        report(found.problems)
        print("build failed: the previous site was left as it was")
        return 1
    except BuildFailed as failed:
        print(f"build failed: {failed}\nthe previous site was left as it was")
        return 1
    except Stopped as stopped:
        print(f"build stopped by {stopped}: the previous site was left as it was")
        return 128 + stopped.signum
    print(f"site built in {display_path(target)}/")
    return 0


class BuildFailed(Exception):
    """MkDocs (or a later step) failed for a reason that is not an event file."""


class Stopped(BaseException):
    """SIGTERM arrived during a build: raised so that the temporary folder is removed on the way out."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextmanager
def _stop_on_sigterm():
    """Turn SIGTERM into :class:`Stopped` while inside (main thread only; elsewhere nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise Stopped(signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _sigterm_held():
    """Hold SIGTERM back while the site is swapped, so that it never stops half-way (POSIX)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


def build_site(config_file: Path, site_dir: Path | None = None, *, strict: bool = True) -> Path:
    """Build the whole site and swap it into place; raise and keep the old one on failure."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(config_file=str(config_file), strict=strict)
    plugin = _validate_first(config)
    timeline, offline = plugin.preloaded, plugin.config.offline
    target = Path(site_dir or config.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(target)
    with _stop_on_sigterm():  # SIGTERM still removes the temporary folder (SIGKILL: the next build does)
        temp = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{target.name}-", dir=target.parent))
        _usual_mode(temp)
        try:
            config.site_dir = str(temp)
            if offline:
                config.extra["timeline_offline_zip"] = OFFLINE_ZIP  # theme/main.html links it from the home page
            _quiet_mkdocs()
            try:
                build(config)
                if offline:
                    _build_offline(config_file, strict, timeline, temp)
            except exceptions.Abort as err:
                raise BuildFailed(str(err) or "MkDocs aborted") from None
            with _sigterm_held():
                _swap(temp, target)
        finally:
            shutil.rmtree(temp, ignore_errors=True)
    return target


def _build_offline(config_file: Path, strict: bool, timeline, site: Path) -> Path:
    """Build the offline edition and zip it into ``site``; the zip's path."""
    from material.plugins.offline.plugin import OfflinePlugin
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from .plugin import PDF_NAME
    from .settings import PLUGIN

    config = load_config(config_file=str(config_file), strict=strict)
    config.use_directory_urls = False  # set here too: the timeline plugin reads it before the offline plugin sets it
    config.site_url = None  # canonical links and the sitemap would name URLs the published site does not have
    config.extra["polyfills"] = [*config.extra.get("polyfills", []), WORKER_SHIM]
    config.extra["timeline_offline_edition"] = True  # theme/main.html leaves out what needs a server
    if OFFLINE_PLUGIN not in config.plugins:  # listed in mkdocs.yml or not, it is on here
        config.plugins[OFFLINE_PLUGIN] = OfflinePlugin()
    config.plugins[OFFLINE_PLUGIN].load_config({"enabled": True})
    plugin = config.plugins[PLUGIN]  # MkDocs keeps one instance per process: the main build's
    plugin.preloaded = timeline
    if (site / PDF_NAME).is_file():
        plugin.pdf_from = site / PDF_NAME  # the book just written, copied rather than written twice
    folder = Path(tempfile.mkdtemp(prefix=f"{site.name}-offline-", dir=site.parent))  # removed as stale like site
    try:
        config.site_dir = str(folder)
        build(config)
        return _zip(folder, site / OFFLINE_ZIP)
    finally:
        plugin.preloaded = plugin.pdf_from = None  # never seen by a later build
        shutil.rmtree(folder, ignore_errors=True)


def _zip(folder: Path, out: Path) -> Path:
    """Zip a folder under one top folder named like the zip, the same bytes for the same files.

    Left out: source maps (a third of Material's scripts; only a debugger reads them), and the
    404 page and sitemap, which only a web server uses (the 404 page links from the server's root).
    """
    top = out.name.removesuffix(".zip")
    files = [p for p in folder.rglob("*") if p.is_file() and p.suffix != ".map"
             and p.relative_to(folder).as_posix() not in SERVER_ONLY]
    with zipfile.ZipFile(out, "w") as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", ZIP_TIME)
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED)
    logging.getLogger("mkdocs.plugins.timeline").info("timeline: wrote %s (%.1f MB)", out.name, out.stat().st_size / 1e6)
    return out


def _validate_first(config):
    """Validate before MkDocs runs: MkDocs reports a plugin's error only as "Aborted". The plugin."""
    from .pages import load_timeline
    from .settings import PLUGIN

    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        raise BuildFailed(f"the '{PLUGIN}' plugin is not listed under 'plugins' in the site configuration")
    try:
        vocabulary = plugin.config.vocabulary()
    except ValueError as err:
        raise BuildFailed(f"plugins: {PLUGIN}: {err}") from None
    plugin.preloaded = load_timeline(Path(config.docs_dir), vocabulary)
    return plugin


def _usual_mode(folder: Path) -> None:
    """mkdtemp makes folders only their owner may read; a site is served by other users too."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``; the old site is removed only after the rename."""
    old = target.with_name(f"{TEMP_PREFIX}{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _remove_stale(target: Path) -> None:
    """Temporary folders left by a build that was killed mid-way."""
    for stale in target.parent.glob(f"{TEMP_PREFIX}{target.name}-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _quiet_mkdocs() -> None:
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.INFO)
    logging.getLogger("mkdocs.commands.build").setLevel(logging.WARNING)
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one line per page otherwise

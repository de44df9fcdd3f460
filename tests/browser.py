"""Browser fixtures: Chromium driven by Playwright, against a site served on loopback.

The browser is the first that runs of: ``TIMELINE_BROWSER``, ``chromium``,
``chromium-browser``, ``google-chrome``, ``google-chrome-stable``, then
Playwright's own Chromium. Debian's ``chromium`` package is one (``make test``
runs ``.ci/system-packages``, which installs it); Ubuntu's chromium packages
are stubs that ask for a snap and do not run, so on GitHub's hosted Ubuntu
runners the runner's own Chrome or Chromium is found instead. The run's header
says which browser was used. With none, the browser tests fail in CI and are
skipped, with the reason, elsewhere; they never pass silently.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import ROOT

SCREENSHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: The browser the session launched, for the run's summary (conftest.py).
USED: list[tuple[str, str]] = []


@functools.cache
def find_browser() -> tuple[str, str] | None:
    """The first browser that runs, and what it says its version is; None when none does."""
    names = [os.environ.get("TIMELINE_BROWSER", ""), *BROWSERS]
    for path in [shutil.which(name) for name in names if name] + [_playwright_chromium()]:
        version = _version(path) if path else None
        if version:
            return path, version
    return None


def _version(path: str) -> str | None:
    """``Chromium 156...`` or ``Google Chrome 125...``; None for a stub that only asks for a snap."""
    try:
        done = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    line = done.stdout.strip().splitlines()[0] if done.stdout.strip() else ""
    return line if done.returncode == 0 and line.lower().startswith(("chromium", "google chrome")) else None


def _playwright_chromium() -> str | None:
    """Playwright's own Chromium, when ``playwright install chromium`` put one on this machine."""
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            path = p.chromium.executable_path
    except Exception:  # noqa: BLE001 -- no driver or no browser: not this one
        return None
    return path if path and os.path.isfile(path) else None


def chromium_path() -> str:
    found = find_browser()
    if found:
        return found[0]
    message = (
        "no Chrome or Chromium that runs: run .ci/system-packages (Debian: apt-get install chromium; "
        "Ubuntu: python -m playwright install chromium), or set TIMELINE_BROWSER"
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def serve(folder: Path):
    """Serve a folder on 127.0.0.1 at a free port; yield its base URL."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


#: The one Chromium of the session. Each test module that imports ``browser`` gets its own
#: copy of the fixture, and a second Playwright cannot start while one runs: they share this.
@contextmanager
def launch():
    """Chromium under Playwright; conftest.py holds the one session-wide ``browser`` fixture."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    USED.append(find_browser())
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


class Visit:
    """A page opened in the browser, with its console errors and every request it made."""

    def __init__(self, browser, url: str, viewport: dict):
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url, wait_until="networkidle")

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self):
        self.context.close()


@contextmanager
def visits(browser, base: str, viewport: dict):
    """A function that opens ``base`` + a path (in ``viewport`` unless given another) as a Visit;
    every page it opened is closed after, and any console error on one fails the test."""
    opened: list[Visit] = []

    def open_page(path: str, size: dict = viewport) -> Visit:
        opened.append(Visit(browser, base + path, size))
        return opened[-1]

    yield open_page
    for visit in opened:
        assert visit.errors == []
        visit.close()

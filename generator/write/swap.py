"""Write a folder whole or not at all: build beside it, then swap it in (the "write" step).

A builder empties its output folder before it builds, so a failed build would
leave no site at all. Here the new folder is made as a sibling temporary
folder and replaces the target only when everything succeeded: a failed build
leaves the previous folder exactly as it was. A build stopped by SIGTERM
removes its temporary folder itself; one killed outright (SIGKILL, power loss)
leaves it behind, and the next build removes it.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMP_PREFIX = ".site-"


class Stopped(BaseException):
    """SIGTERM arrived during a build: raised so that the temporary folder is removed on the way out."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A new, empty temporary folder beside ``target``; swapped in for it when the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(target)
    with _stop_on_sigterm():  # SIGTERM still removes the temporary folder (SIGKILL: the next build does)
        temp = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{target.name}-", dir=target.parent))
        _usual_mode(temp)
        try:
            yield temp
            with _sigterm_held():
                _swap(temp, target)
        finally:
            shutil.rmtree(temp, ignore_errors=True)


@contextmanager
def _stop_on_sigterm() -> Iterator[None]:
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
def _sigterm_held() -> Iterator[None]:
    """Hold SIGTERM back while the folder is swapped, so that it never stops half-way (POSIX)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


def _usual_mode(folder: Path) -> None:
    """mkdtemp makes folders only their owner may read; a site is served by other users too."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``; the old folder is removed only after the rename."""
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

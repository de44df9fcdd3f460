"""Write a folder whole or not at all: build beside it, then swap it in (the "write" step).

A builder empties its output folder before it builds, so a failed build would
leave no site at all. Here the new folder is made as a sibling temporary
folder and replaces the target only when everything succeeded: a failed build
leaves the previous folder exactly as it was.

One build at a time: :func:`build_lock` holds an exclusive lock (``flock``)
on a file beside the target (``.site.lock`` for ``site/``) for as long as a
build runs; a second build waits for it, so two builds never write, swap or
clean up the same folders. The kernel drops the lock when its process ends,
however it ends: a temporary folder found while holding the lock belongs to a
build that is gone, and only then is it removed.

The swap itself is one system call where the system has it: Linux's
``renameat2(RENAME_EXCHANGE)`` exchanges the new folder and the old one, so a
kill at any instant leaves one of the two complete sites at the target, never
none; the previous site is removed only after that. Elsewhere it is two
renames, the previous site first set aside under a fixed name; a build killed
between them leaves that copy, and the next build puts it back before it does
anything else.

A build stopped by SIGTERM removes its temporary folder itself; one killed
outright (SIGKILL, power loss) leaves it behind, and the next build removes it.
Folders the old site left read-only are made writable again to be removed.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; builds are not serialized there
    fcntl = None  # type: ignore[assignment]

TEMP_PREFIX = ".site-"
#: The suffix of the previous site's name while two renames swap it (systems without an exchange).
ASIDE = "previous"

_held: dict[Path, int] = {}  # lock files this process holds -> how many holders: re-entrant
_held_guard = threading.Lock()


class Stopped(BaseException):
    """SIGTERM arrived during a build: raised so that the temporary folder is removed on the way out."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def lock_path(target: Path) -> Path:
    """The lock file of a target folder: ``.site.lock`` beside ``site/``."""
    return target.parent / f".{target.name}.lock"


@contextmanager
def build_lock(target: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the lock of ``target`` for the block; ``waiting()`` is called when another build holds it.

    Re-entrant in one process (a build's staged folder inside its own lock). Without ``flock``
    (Windows) nothing is locked.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    path = lock_path(target).absolute()
    with _held_guard:
        if path in _held:
            _held[path] += 1
            fd = None
        else:
            fd = _acquire(path, waiting)
            _held[path] = 1
    try:
        yield
    finally:
        with _held_guard:
            _held[path] -= 1
            if not _held[path]:
                del _held[path]
                if fd is not None and fd >= 0:
                    os.close(fd)  # closing the file releases the lock


def _acquire(path: Path, waiting: Callable[[], None] | None) -> int:
    """An open file descriptor on ``path`` holding its exclusive lock (-1 without flock)."""
    if fcntl is None:
        return -1
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)
    except BaseException:
        os.close(fd)
        raise
    return fd


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A new, empty temporary folder beside ``target``; swapped in for it when the block succeeds."""
    with build_lock(target), _stop_on_sigterm():  # SIGTERM still removes the temporary folder
        _recover(target)
        temp = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{target.name}-", dir=target.parent))
        _usual_mode(temp)
        try:
            yield temp
            with _sigterm_held():
                _swap(temp, target)  # temp now holds the previous site, if there was one
        finally:
            remove(temp)


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
    """Put ``new`` at ``target``; whatever was at ``target`` ends up at ``new``, to be removed."""
    if not os.path.lexists(target):
        new.rename(target)
        return
    if exchange(new, target):
        return
    aside = target.with_name(f"{TEMP_PREFIX}{target.name}-{ASIDE}")
    remove(aside)
    target.rename(aside)  # a kill here leaves the previous site at `aside`: _recover puts it back
    new.rename(target)
    aside.rename(new)


def exchange(first: Path, second: Path) -> bool:
    """Exchange two paths in one step (Linux ``renameat2``); False where the system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # an old kernel, or a file system without the exchange
    raise OSError(code, os.strerror(code), str(second))


def _renameat2():
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # not glibc 2.28+ (or not Linux)
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


def _recover(target: Path) -> None:
    """Under the lock: put back a previous site a killed swap left aside, then remove what killed
    builds left (their owners are gone: they held this lock)."""
    aside = target.with_name(f"{TEMP_PREFIX}{target.name}-{ASIDE}")
    if aside.is_dir() and not os.path.lexists(target):
        aside.rename(target)
    for stale in target.parent.glob(f"{TEMP_PREFIX}{target.name}-*"):
        remove(stale)


def remove(path: Path) -> bool:
    """Remove a folder and what it holds (or a file), making read-only folders in it writable
    first; whether it is gone. Never raises: what cannot be removed is left for the next build."""
    if os.path.isdir(path) and not os.path.islink(path):
        _make_writable(path)
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        with suppress(OSError):
            os.unlink(path)
    return not os.path.lexists(path)


def _make_writable(folder: Path) -> None:
    """Give the owner the rights to empty each folder under ``folder`` (links are not followed)."""

    def allow(path: str) -> None:
        with suppress(OSError):
            os.chmod(path, os.stat(path).st_mode | stat.S_IRWXU)

    allow(str(folder))
    for root, folders, _files in os.walk(folder):  # top-down: each folder is opened after its chmod
        for name in folders:
            if not os.path.islink(os.path.join(root, name)):
                allow(os.path.join(root, name))

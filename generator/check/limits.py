"""Limits on what one event file may cost, so that a hostile file fails fast and clearly.

Event files come from pull requests: any of them may be built to hurt the build
(a YAML alias bomb, a 100,000-deep nesting, a body Python-Markdown takes
minutes to render). Each limit turns such a file into a Problem that names it:

=====================================  =================================  =============================
limit                                  where                              value
=====================================  =================================  =============================
file size                              ``read/reader.py`` MAX_BYTES       256 KiB
YAML nesting depth                     ``read/yamlnodes.py`` MAX_DEPTH    12 levels
entries in one YAML list/mapping       ``read/yamlnodes.py`` MAX_ENTRIES  1,000
length of every text field             ``check/schema.py`` (max_length)   300 (one line) / 2,000 (prose)
digits in a number                     ``check/schema.py`` MAX_DIGITS     15
body size                              ``check/body.py`` MAX_BODY_CHARS   65,536 characters
body nesting (quotes, lists)           ``check/body.py`` MAX_BODY_DEPTH   16 levels
problems printed per file              ``check/validate.py`` MAX_PROBLEMS 100, then a count of the rest
time to read one file                  :func:`time_budget`                2 s (``TIMELINE_TIME_BUDGET``)
=====================================  =================================  =============================

The time budget is the net under all the others: whatever the cause, reading,
validating and test-rendering one file may take at most
:data:`BUDGET_SECONDS`; past that the file is reported ("took longer than 2 s
to read: simplify it") and the next one is read.

How: ``signal.setitimer(ITIMER_REAL)`` and a SIGALRM handler that raises
:class:`OverBudget` into the Python code running at that moment (the regular
expression engine checks for signals too; a single long call into C code, such
as the HTML sanitizer, is interrupted when it returns). It needs POSIX and the
main thread; elsewhere (Windows, a worker thread) there is no budget and the
other limits stand alone. It also stands aside when something else in the
process already uses SIGALRM or the real-time timer. ``TIMELINE_TIME_BUDGET``
sets the budget in seconds for slow machines; ``0`` turns it off.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Seconds one event file may take to read, validate and render.
BUDGET_SECONDS = 2.0
BUDGET_ENV = "TIMELINE_TIME_BUDGET"


class OverBudget(BaseException):
    """Raised inside the work when its time budget runs out.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` in a
    library on the way swallows it.
    """

    def __init__(self, seconds: float):
        super().__init__(f"took longer than {seconds:g} s")
        self.seconds = seconds


def budget_seconds() -> float:
    """The budget: ``TIMELINE_TIME_BUDGET`` when set to a number, else :data:`BUDGET_SECONDS`."""
    text = os.environ.get(BUDGET_ENV, "").strip()
    try:
        return max(float(text), 0.0) if text else BUDGET_SECONDS
    except ValueError:
        return BUDGET_SECONDS


def can_time() -> bool:
    """Whether a budget can be enforced here: POSIX timers, the main thread, SIGALRM unused."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    if signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0):
        return False  # someone else's timer is running
    return signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)


@contextmanager
def time_budget(seconds: float | None = None) -> Iterator[bool]:
    """Raise :class:`OverBudget` in the body of the ``with`` once ``seconds`` have passed.

    Yields whether a budget is enforced. Catch OverBudget *outside* the ``with``:
    it may arrive just as the body ends.

    >>> import time
    >>> try:
    ...     with time_budget(0.05):
    ...         while True:
    ...             time.sleep(0.01)
    ... except OverBudget as over:
    ...     print(over)
    took longer than 0.05 s
    """
    seconds = budget_seconds() if seconds is None else seconds
    if seconds <= 0 or not can_time():
        yield False
        return
    armed = True

    def expired(signum, frame):
        if armed:
            raise OverBudget(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

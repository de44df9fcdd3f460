"""``check`` between runs: each file's verdict kept on disk, by its bytes and by everything else it depends on.

Part of the "check" step. A verdict is what ``check`` prints of one file: its problems, and when
it is valid its id (for the ids two files share), its placeholders and advice. A file whose bytes,
path, vocabulary, day, snapshots, the generator's own code and the libraries that render a body
are all as they were gets the verdict it got then; anything else is checked again. The ids, the
snapshots and the file names are checked again on every run: they depend on more than one file.

The verdicts live under the project (``.cache/timeline/check.json``, gitignored), signed with a
key kept outside it (``timeline-generator/check.key`` in ``$XDG_CACHE_HOME``, by default
``~/.cache``): a verdict file committed to the project, or edited, fails the signature and is
ignored, so no one can make ``check`` pass a file by handing it a verdict. A run with the store
prints exactly what a run without it prints (``tests/test_check_cache.py`` holds it to that).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import importlib.metadata
import json
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..model.event import Event
from ..model.vocabulary import Vocabulary
from ..read.problems import Problem
from .batch import Job, digest, read_or_none, validate_all
from .snapshots import Snapshots, load_snapshots
from .validate import latest_today, validate_file

PACKAGE = Path(__file__).resolve().parent.parent
#: Libraries whose version can change a verdict (a body rendered, a schema applied, YAML read).
LIBRARIES = ("markdown", "nh3", "pydantic", "pyyaml")
STORE = Path(".cache") / "timeline" / "check.json"
#: Set to "off" to check every file cold (the test suite does, so that it writes no store into fixtures).
SWITCH = "TIMELINE_CHECK_CACHE"


@dataclass(frozen=True)
class Verdict:
    """What ``check`` says of one file: its problems; its id, placeholders and advice when valid."""

    shown: str
    problems: tuple[Problem, ...]
    id: str | None = None
    placeholders: tuple[tuple[int, int], ...] = ()
    advice: tuple[tuple[int, int, str], ...] = ()

    @classmethod
    def of(cls, event: Event | None, problems: list[Problem], shown: str) -> Verdict:
        if event is None:
            return cls(shown, tuple(problems))
        return cls(event.shown, tuple(problems), event.id, tuple(event.placeholders), tuple(event.advice))

    def data(self) -> list:
        problems = [[p.path, p.line, p.col, p.message] for p in self.problems]
        return [self.shown, problems, self.id, [list(p) for p in self.placeholders], [list(a) for a in self.advice]]

    @classmethod
    def from_data(cls, data: list) -> Verdict:
        shown, problems, event_id, placeholders, advice = data
        return cls(
            shown,
            tuple(Problem(*p) for p in problems),
            event_id,
            tuple(tuple(p) for p in placeholders),
            tuple(tuple(a) for a in advice),
        )


def check_files(
    paths: list[Path], vocab: Vocabulary, *, snapshots_dir: Path | None, store: Path | None = None
) -> tuple[list[Verdict], list[Problem]]:
    """Every file's verdict, in path order, and every problem (ids taken twice and broken snapshots
    included); with ``store``, verdicts of unchanged files come from it and every verdict goes back."""
    today = latest_today()
    paths = sorted(paths)
    snapshots, snapshot_problems = load_snapshots(snapshots_dir, today)
    context = _context(vocab, today, snapshots.key())
    known = _load(store, context) if store else {}
    jobs = [(path, read_or_none(path)) for path in paths]
    keys = [f"{path}:{digest(data).hex()}" if data is not None else None for path, data in jobs]
    missing = [job for job, key in zip(jobs, keys, strict=True) if key not in known]
    fresh = iter(validate_all(missing, vocab, today, snapshots, verdicts_of))
    verdicts = [known[key] if key in known else next(fresh) for key in keys]
    if store:
        _save(store, context, {key: v for key, v in zip(keys, verdicts, strict=True) if key})
    problems = [p for verdict in verdicts for p in verdict.problems] + _taken_ids(verdicts)
    return verdicts, sorted(problems + snapshot_problems)


def verdicts_of(jobs: list[Job], vocab: Vocabulary, today: datetime.date, snapshots: Snapshots) -> list[Verdict]:
    """Each file's verdict (in a worker, or here): its body held to its limits, not rendered
    (``validate_file(render=False)``), and only the verdict sent back, not the Event."""
    return [
        Verdict.of(*validate_file(path, vocab, today, data, snapshots, render=False), str(path)) for path, data in jobs
    ]


def _taken_ids(verdicts: list[Verdict]) -> list[Problem]:
    """A problem for each id an earlier file already has (``validate.unique_ids``, on verdicts)."""
    first: dict[str, str] = {}
    taken = []
    for verdict in verdicts:
        if verdict.id is None:
            continue
        if verdict.id in first:
            message = f"event id '{verdict.id}' is already used by {first[verdict.id]}: rename one file"
            taken.append(Problem(verdict.shown, 1, 1, message))
        else:
            first[verdict.id] = verdict.shown
    return taken


def _context(vocab: Vocabulary, today: datetime.date, snapshots: tuple) -> str:
    """Everything besides a file's own bytes that its verdict depends on, as one digest."""
    code = hashlib.blake2b(digest_size=16)
    for path in sorted(PACKAGE.rglob("*.py")):
        code.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    versions = [_version(name) for name in LIBRARIES]
    whole = repr((code.hexdigest(), versions, repr(vocab), today.isoformat(), repr(snapshots)))
    return hashlib.blake2b(whole.encode(), digest_size=16).hexdigest()


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def enabled() -> bool:
    return os.environ.get(SWITCH, "").strip().lower() not in ("off", "0", "no", "false")


def key_file() -> Path:
    """Where the signing key lives: the user's cache folder, never a project's."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
    return Path(base) / "timeline-generator" / "check.key"


def _key() -> bytes:
    """The signing key, made once per user and kept outside every project (mode 0600)."""
    path = key_file()
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        _write(path, key.hex())
        return key


def _sign(body: str) -> str:
    return hmac.new(_key(), body.encode(), hashlib.sha256).hexdigest()


def _load(store: Path, context: str) -> dict[str, Verdict]:
    """The verdicts kept for ``context``; none when the store is missing, another, edited or broken."""
    try:
        signature, body = store.read_text(encoding="utf-8").split("\n", 1)
        if not hmac.compare_digest(signature, _sign(body)):
            return {}
        data = json.loads(body)
        if data.get("context") != context:
            return {}
        return {key: Verdict.from_data(value) for key, value in data["verdicts"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _save(store: Path, context: str, verdicts: dict[str, Verdict]) -> None:
    """Keep the verdicts; a store that cannot be written only makes the next run cold."""
    body = json.dumps({"context": context, "verdicts": {k: v.data() for k, v in verdicts.items()}})
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        _write(store, _sign(body) + "\n" + body)
    except OSError:
        pass


def _write(path: Path, text: str) -> None:
    """Beside ``path`` first, then renamed: two runs at once never leave half a file."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)

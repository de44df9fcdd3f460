"""Builds that cannot trample each other: one at a time, a swap that a kill cannot leave half-done.

Each build holds its site's lock for the whole build (``write/swap.py``): a second one waits,
and only folders whose owner is gone are removed. The swap is killed after every step it takes,
on the system's one-step exchange and on the two-rename fallback, and each time the site is the
old one or the new one, whole, and the next build cleans up. File-system and configuration faults
give a plain message, and the previous site stays.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import fixture_project, run_cli
from sitecheck import digest

from generator.faces.mkdocs import build as mkdocs_build
from generator.faces.mkdocs.build import TEMP_PREFIX, build_site
from generator.write import swap

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks and signals")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


def _build_process(project: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The fixture site (no book: these tests are about folders), built once."""
    folder = tmp_path_factory.mktemp("builds")
    build_site(fixture_project(folder, pdf=False))
    return folder


def test_a_second_build_waits_for_the_first_and_leaves_its_folders_alone(project):
    site = project / "site"
    before = digest(site)
    in_progress = project / f"{TEMP_PREFIX}site-in-progress"  # what a running build is writing
    in_progress.mkdir()
    (in_progress / "index.html").write_text("half-written")
    with swap.build_lock(site):  # this test is the first build, still running
        process = _build_process(project)
        first_line = process.stdout.readline()
        assert first_line == "another build of this site is running: waiting for it to finish\n"
        assert process.poll() is None  # it waits for the lock: it cannot have removed anything
        assert (in_progress / "index.html").read_text() == "half-written"
        assert digest(site) == before
        in_progress.rename(project / f"{TEMP_PREFIX}site-left-by-a-killed-build")
    output, _ = process.communicate(timeout=300)
    assert process.returncode == 0, output
    assert "site built in site/" in output
    assert _leftovers(project) == []  # once the owner was gone, its folder went too
    assert digest(site) == before


def test_two_builds_started_together_both_publish_the_whole_site(project):
    site = project / "site"
    before = digest(site)
    first, second = _build_process(project), _build_process(project)
    outputs = [process.communicate(timeout=300)[0] for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    assert sum("waiting for it to finish" in output for output in outputs) <= 1
    assert not any("Traceback" in output for output in outputs)
    assert (site / "index.html").is_file() and (site / "assets").is_dir()
    assert digest(site) == before
    assert _leftovers(project) == []


# -- a kill after every step of the swap --------------------------------------------------------

#: Run in a child: stage a site with the given content, killing the process with SIGKILL just
#: before its N-th file-system call (a rename, an exchange, a removal, a folder made).
KILLED_SWAP = textwrap.dedent(
    """
    import os, shutil, signal, sys
    from pathlib import Path
    from generator.write import swap

    target, content, kill_at, fallback = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
    calls = 0

    def counted(function):
        def call(*args, **kwargs):
            global calls
            calls += 1
            if calls == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return function(*args, **kwargs)
        return call

    for name in ("rename", "unlink", "rmdir", "mkdir"):
        setattr(os, name, counted(getattr(os, name)))
    swap.exchange = counted((lambda first, second: False) if fallback else swap.exchange)
    with swap.staged(target) as temp:
        for n in range(3):
            (temp / f"page-{n}.html").write_text(f"{content} {n}")
    print(calls)
    """
)


def _staged_in_a_child(target: Path, content: str, kill_at: int, fallback: bool) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", KILLED_SWAP, str(target), content, str(kill_at), "1" if fallback else "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )


def _site_content(target: Path) -> str | None:
    """'old' or 'new' when the folder is one whole site of three pages, else what it holds."""
    if not target.is_dir():
        return None
    pages = sorted(p.read_text() for p in target.iterdir())
    for content in ("old", "new"):
        if pages == [f"{content} {n}" for n in range(3)]:
            return content
    return repr(pages)


@pytest.mark.parametrize("fallback", [False, True], ids=["exchange", "two-renames"])
def test_a_swap_killed_after_any_step_leaves_a_whole_site_and_the_next_build_cleans_up(tmp_path, fallback):
    target = tmp_path / "site"
    steps = None
    for kill_at in range(1, 100):
        swap.remove(target)
        for leftover in _leftovers(tmp_path):
            swap.remove(tmp_path / leftover)
        assert _staged_in_a_child(target, "old", 0, fallback).returncode == 0
        killed = _staged_in_a_child(target, "new", kill_at, fallback)
        if killed.returncode == 0:
            steps = kill_at - 1
            break
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        after_kill = _site_content(target)
        if not fallback:  # one exchange: a whole site at every instant
            assert after_kill in ("old", "new"), f"killed before step {kill_at}: {after_kill}"
        else:  # two renames: between them the site is set aside, and put back by the next build
            assert after_kill in ("old", "new", None), f"killed before step {kill_at}: {after_kill}"
        with swap.build_lock(target):
            swap._recover(target)
        assert _site_content(target) == (after_kill or "old")
        assert _leftovers(tmp_path) == [], f"killed before step {kill_at}"
        assert _staged_in_a_child(target, "new", 0, fallback).returncode == 0
        assert _site_content(target) == "new" and _leftovers(tmp_path) == []
    assert steps is not None and steps >= 3, "the swap should have been killed at several steps"


def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "x").write_text("first")
    if not swap.exchange(first, second):
        assert not sys.platform.startswith("linux"), "Linux has renameat2(RENAME_EXCHANGE) on local file systems"
        return
    assert (second / "x").read_text() == "first" and not (first / "x").exists()


# -- a site left read-only or impossible to remove ---------------------------------------------


def test_a_read_only_site_is_replaced_and_removed(tmp_path):
    target = tmp_path / "site"
    with swap.staged(target) as temp:
        (temp / "sub").mkdir()
        (temp / "sub" / "page.html").write_text("old")
    for folder in (target / "sub", target):
        folder.chmod(0o555)
    with swap.staged(target) as temp:
        (temp / "page.html").write_text("new")
    assert (target / "page.html").read_text() == "new"
    assert _leftovers(tmp_path) == []


def test_a_previous_site_that_cannot_be_removed_never_blocks_the_next_build(tmp_path, monkeypatch):
    """As a read-only folder is for a user who may not write in it: left behind, never in the way."""
    target = tmp_path / "site"
    with swap.staged(target) as temp:
        (temp / "page.html").write_text("first")
    monkeypatch.setattr(swap.shutil, "rmtree", lambda *args, **kwargs: None)
    for text in ("second", "third"):
        with swap.staged(target) as temp:
            (temp / "page.html").write_text(text)
        assert (target / "page.html").read_text() == text


# -- plain messages for the file system and the configuration ----------------------------------


def test_an_invalid_site_configuration_is_a_message_and_the_site_stays(project, capsys):
    site = project / "site"
    before = digest(site)
    config = project / "mkdocs.yml"
    text = config.read_text()
    try:
        config.write_text(text + "theme: [not, a, theme]\n")
        code, output = run_cli(project, capsys, "build")
    finally:
        config.write_text(text)
    assert code == 1
    assert "mkdocs.yml:5:1: invalid site configuration: Config value 'theme': Invalid type" in output
    assert "the previous site was left as it was" in output and "Traceback" not in output
    assert digest(site) == before


@pytest.mark.parametrize(
    "fault",
    [
        OSError(errno.ENOSPC, "No space left on device", "site/events/x/index.html"),
        PermissionError(errno.EACCES, "Permission denied", ".site-site-abc"),
    ],
    ids=["full-disk", "read-only-folder"],
)
def test_a_file_system_fault_is_a_message_and_the_site_stays(project, capsys, monkeypatch, fault):
    site = project / "site"
    before = digest(site)

    def refused(config):
        raise fault

    monkeypatch.setattr(mkdocs_build, "build", refused)
    code, output = run_cli(project, capsys, "build")
    assert code == 1
    assert f"build failed: {fault.filename}: {fault.strerror}\n" in output
    assert "Traceback" not in output
    assert digest(site) == before
    assert _leftovers(project) == []


def test_a_folder_the_new_command_cannot_write_in_is_a_message(project, capsys):
    code, output = run_cli(
        project, capsys, "new", "--title", "A title", "--date", "2025-01-01", "--dir", "mkdocs.yml/events"
    )
    assert code == 1
    assert output.endswith(" new: mkdocs.yml/events: Not a directory\n") and output.count("\n") == 1


def test_check_refuses_an_unknown_plugin_option_as_build_does(project, capsys):
    config = project / "mkdocs.yml"
    text = config.read_text()
    assert "      pdf: false\n" in text
    try:
        config.write_text(text.replace("      pdf: false\n", "      pdf: false\n      pagesize: 10\n"))
        check_code, check_output = run_cli(project, capsys, "check")
        build_code, build_output = run_cli(project, capsys, "build")
    finally:
        config.write_text(text)
    assert (check_code, build_code) == (1, 1)
    unknown = "Plugin 'timeline' option 'pagesize': Unrecognised configuration name: pagesize"
    plugins = text.splitlines().index("plugins:") + 1  # the line MkDocs' message is about
    assert check_output.startswith(
        f"mkdocs.yml:{plugins}:1: invalid site configuration: Config value 'plugins': " + unknown
    )
    assert f"Config value 'plugins': {unknown}" in build_output and "Traceback" not in build_output

"""``check`` with its verdicts kept between runs says exactly what a cold ``check`` says.

Each test runs the command as a user does (``python -m generator check``, in this process) on a
copy of the fixture project: once cold (``--no-cache``), then with the store, and compares every
line printed and the exit code; then it changes what a verdict depends on (a file, the
vocabulary, the store itself) and compares again.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from generator.check import batch, verdicts
from generator.faces.cli.main import main

BAD = ["bad-date-grammar.md", "unknown-key.md"]


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """The fixture site with two bad files and one left with a placeholder; the store switched on."""
    monkeypatch.setenv(verdicts.SWITCH, "on")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    folder = tmp_path / "project"
    shutil.copytree(FIXTURES / "site", folder)
    for name in BAD:
        shutil.copy(FIXTURES / "bad" / name, folder / "events" / name)
    return folder


def check(project: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--config", str(project / "mkdocs.yml"), "check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def cold_and_cached(project: Path, capsys) -> tuple[tuple, tuple]:
    """A cold run, then two runs with the store (the first fills it): the last two must agree."""
    cold = check(project, capsys, "--no-cache")
    check(project, capsys)
    cached = check(project, capsys)
    return cold, cached


def test_a_cached_check_reports_exactly_what_a_cold_one_reports(project, capsys):
    cold, cached = cold_and_cached(project, capsys)
    assert cold[0] == 1 and "bad-date-grammar.md:3:11:" in cold[1]
    assert cached == cold
    store = project / verdicts.STORE
    kept = json.loads(store.read_text().split("\n", 1)[1])["verdicts"]
    assert len(kept) == len(list((project / "events").glob("*.md")))


def test_a_run_with_nothing_changed_validates_no_file(project, capsys, monkeypatch):
    check(project, capsys)
    validated = []
    real = batch.validate_all
    monkeypatch.setattr(verdicts, "validate_all", lambda jobs, *a: validated.extend(jobs) or real(jobs, *a))
    check(project, capsys)
    assert validated == []
    (project / "events" / BAD[0]).unlink()
    bad = project / "events" / "2024-06-treaty.md"
    bad.write_text(bad.read_text().replace('date: "2024-06~"', 'date: "2024-13"'))
    code, out, _ = check(project, capsys)
    assert [path.name for path, _data in validated] == ["2024-06-treaty.md"]  # only the file that changed
    assert code == 1 and "2024-06-treaty.md:3:13: 'date'" in out


def test_an_edited_file_is_checked_again_and_a_valid_project_warns_alike(project, capsys):
    for name in BAD:
        (project / "events" / name).unlink()
    cold, cached = cold_and_cached(project, capsys)
    assert cached == cold and cold[0] == 0
    event = project / "events" / "2024-11-deployment.md"
    event.write_text(event.read_text().replace("title: Troops arrive", "title: 'TODO: a title'"))
    cold, cached = cold_and_cached(project, capsys)
    assert cached == cold and "placeholder 'TODO:' left to replace (warning)" in cold[1]


def test_a_changed_vocabulary_or_a_taken_id_is_never_hidden(project, capsys):
    check(project, capsys)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("        casualties: Casualties\n", ""))
    cold, cached = cold_and_cached(project, capsys)
    assert cached == cold and "2024-11-deployment.md:5:8: tags: 'casualties'" in cold[1]
    (project / "events" / "again").mkdir()
    shutil.copy(project / "events" / "2024-06-treaty.md", project / "events" / "again" / "2024-06-treaty.md")
    cold, cached = cold_and_cached(project, capsys)
    assert cached == cold and "is already used by" in cold[1]


def test_a_forged_or_edited_store_is_ignored(project, capsys):
    cold = check(project, capsys, "--no-cache")
    check(project, capsys)
    store = project / verdicts.STORE
    signature, body = store.read_text().split("\n", 1)
    data = json.loads(body)
    for key, verdict in data["verdicts"].items():
        verdict[1] = []  # no problems, for every file
        data["verdicts"][key] = verdict
    forged = json.dumps(data)
    for text in (signature + "\n" + forged, "0" * 64 + "\n" + forged, "not a store"):
        store.write_text(text)
        assert check(project, capsys) == cold
    assert check(project, capsys) == cold  # and the store it wrote again is a true one

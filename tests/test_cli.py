"""The command line as a contributor runs it: a subprocess in a project folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES

MKDOCS_YML = """\
site_name: Test timeline
docs_dir: events
theme:
  name: material
plugins:
  - timeline:
      tags: {treaty: Treaties, casualties: Casualties}
      actors: [Russia, North Korea, Ukraine]
      figures:
        killed: {label: Killed, unit: soldiers}
"""


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True, timeout=120
    )


def _without_today(line: str) -> str:
    """The fixtures run with a fixed 'today'; the command line uses the real one."""
    return line.split(" (today is ")[0]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML)
    (tmp_path / "events").mkdir()
    return tmp_path


def test_check_reports_every_problem_of_every_file_without_traceback(project):
    bad = sorted((FIXTURES / "bad").glob("*.md"))
    for path in bad:
        shutil.copy(path, project / "events" / path.name)
    shutil.copy(FIXTURES / "good" / "minimal.md", project / "events" / "minimal.md")
    result = run(project, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    printed = {_without_today(line) for line in result.stdout.splitlines()}
    for path in bad:
        expected = (FIXTURES / "bad" / path.with_suffix(".expected").name).read_text().splitlines()
        for line in expected:
            assert _without_today(f"events/{path.name}:{line}") in printed
    assert "events/minimal.md" not in result.stdout
    assert f"in {len(bad)} files" in result.stderr


def test_check_passes_on_valid_files_and_accepts_paths(project):
    shutil.copy(FIXTURES / "good" / "minimal.md", project / "events" / "minimal.md")
    shutil.copy(FIXTURES / "bad" / "unknown-key.md", project / "events" / "unknown-key.md")
    assert run(project, "check", "events/minimal.md").returncode == 0
    result = run(project, "check", "events/minimal.md", "events/missing.md", "mkdocs.yml")
    assert result.returncode == 1
    assert "events/missing.md:1:1: not found" in result.stdout
    assert "mkdocs.yml:1:1: not a Markdown event file (.md)" in result.stdout


def test_check_github_annotations(project):
    shutil.copy(FIXTURES / "bad" / "unknown-key.md", project / "events" / "unknown-key.md")
    result = run(project, "check", "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=events/unknown-key.md,line=10,col=1::unknown key 'titel' (did you mean 'title'?)"
    ]


def test_check_names_stray_files_in_events(project):
    (project / "events" / "notes.txt").write_text("x")
    (project / "events" / "link.md").symlink_to(FIXTURES / "good" / "minimal.md")
    result = run(project, "check")
    assert "events/notes.txt:1:1: only Markdown event files (.md) belong in the events folder" in result.stdout
    assert "events/link.md:1:1: symbolic links are not allowed" in result.stdout


def test_bad_site_configuration_is_reported_not_raised(project):
    (project / "mkdocs.yml").write_text(MKDOCS_YML.replace("killed: {label: Killed, unit: soldiers}", "Killed: 3"))
    result = run(project, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "mkdocs.yml:1:1: plugins: timeline: figures: 'Killed' must be lowercase" in result.stdout


def test_new_scaffolds_a_file_that_passes_check_and_is_never_overwritten(project):
    args = [
        "new",
        "--title",
        "First prisoners: captured!",
        "--date",
        "2025-01-11",
        "--tag",
        "treaty",
        "--actor",
        "Ukraine",
    ]
    result = run(project, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    path = project / "events" / "2025-01-11-first-prisoners-captured.md"
    assert path.is_file()
    assert run(project, "check").returncode == 0
    before = path.read_bytes()
    again = run(project, *args)
    assert again.returncode == 1 and "already exists" in again.stdout
    assert path.read_bytes() == before


def test_new_refuses_a_bad_date(project):
    result = run(project, "new", "--title", "X", "--date", "2024-02-30")
    assert result.returncode == 2
    assert "February 2024 has 29 days" in result.stdout
    assert list((project / "events").iterdir()) == []


def test_committed_json_schema_is_current_and_validates_a_scaffold(project):
    import json

    import yaml

    from generator.check.jsonschema import SCHEMA_FILE, schema_text

    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), "run: python -m generator schema"
    schema = json.loads(SCHEMA_FILE.read_text())
    assert set(schema["required"]) == {"title", "date", "summary", "sources"}
    assert schema["additionalProperties"] is False
    # A project of its own keeps its copy at its root: `schema` writes it there, `new` points at it.
    assert run(project, "schema", "--check").returncode == 1
    assert run(project, "schema").returncode == 0
    assert (project / "event.schema.json").read_text(encoding="utf-8") == schema_text()
    assert run(project, "schema", "--check").returncode == 0
    run(project, "new", "--title", "A scaffold", "--date", "2025-01")
    run(project, "new", "--title", "Nested", "--date", "2025-02", "--dir", "events/2025")
    text = (project / "events" / "2025-01-a-scaffold.md").read_text()
    assert text.splitlines()[1] == "# yaml-language-server: $schema=../event.schema.json"
    nested = (project / "events" / "2025" / "2025-02-nested.md").read_text()
    assert nested.splitlines()[1] == "# yaml-language-server: $schema=../../event.schema.json"
    front = yaml.safe_load(text.split("---\n")[1])
    assert set(front) <= set(schema["properties"])


def test_new_asks_for_each_value_and_rejects_unknown_words(project):
    answers = (
        "\n".join(
            [
                "Troops pulled back",  # title
                "2025-02-30",  # impossible date: asked again
                "2025-01~",  # date
                "",  # summary: left as a TODO
                "1, nope",
                "casualties",  # tags: unknown word, asked again
                "3",  # actors: Ukraine by number
                "A headline",
                "An outlet",
            ]
        )
        + "\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "generator", "new", "--interactive"],
        cwd=project,
        input=answers,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "February 2025 has 28 days" in result.stdout and "not declared: nope" in result.stdout
    text = (project / "events" / "2025-01-troops-pulled-back.md").read_text()
    assert "tags: [casualties]" in text and "actors: [Ukraine]" in text and "    title: A headline" in text
    assert run(project, "check").returncode == 0


def test_new_refuses_undeclared_tags_and_missing_values_without_a_terminal(project):
    result = run(project, "new", "--title", "X", "--date", "2025", "--tag", "nope")
    assert result.returncode == 2 and "not declared in mkdocs.yml: nope" in result.stdout
    assert run(project, "new", "--title", "X").returncode == 2
    assert list((project / "events").iterdir()) == []


def test_check_warns_of_placeholders_left_by_new_without_failing(project):
    run(project, "new", "--title", "Draft", "--date", "2025")
    result = run(project, "check")
    assert result.returncode == 0
    assert "events/2025-draft.md:4:11: placeholder 'TODO:' left to replace (warning)" in result.stdout.splitlines()
    github = run(project, "check", "--format", "github")
    assert "::warning file=events/2025-draft.md,line=4,col=11::placeholder 'TODO:' left to replace" in github.stdout


def test_check_advises_a_label_for_an_untitled_page_with_no_outlet_without_failing(project):
    (project / "events" / "2025-untitled.md").write_text(
        '---\ntitle: T\ndate: "2025"\nsummary: S.\nsources:\n  - id: a\n    note: None.\n---\nB.[^a]\n'
    )
    result = run(project, "check")
    assert result.returncode == 0
    assert (
        "events/2025-untitled.md:6:9: source 'a' has no headline and names no outlet: give it a 'label' that "
        "tells it from other untitled pages (warning)"
    ) in result.stdout.splitlines()

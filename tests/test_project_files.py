"""The project's own files: workflows and hooks parse, CI runs the README's test command."""

from __future__ import annotations

import re

import yaml
from conftest import ROOT


def _yaml(path: str):
    return yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


def test_workflow_parses_and_pull_requests_get_a_read_only_token():
    workflow = _yaml(".github/workflows/ci.yml")
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads 'on' as True
    assert "pull_request" in triggers and "pull_request_target" not in triggers
    assert workflow["permissions"] == {"contents": "read"}
    text = (ROOT / ".github/workflows/ci.yml").read_text()
    assert "${{ secrets" not in text
    check = workflow["jobs"]["check"]
    commands = "\n".join(step.get("run", "") for step in check["steps"])
    assert "generator check --format github" in commands and "make test" in commands and "make site" in commands
    assert workflow["jobs"]["deploy"]["if"].startswith("github.event_name == 'push'")


def test_issue_form_and_hooks_parse():
    form = _yaml(".github/ISSUE_TEMPLATE/propose-event.yml")
    assert {item.get("id") for item in form["body"]} >= {"title", "date", "sources", "quotes"}
    hooks = _yaml(".pre-commit-hooks.yaml")
    assert hooks[0]["id"] == "timeline-check" and hooks[0]["entry"] == "timeline check"
    local = _yaml(".pre-commit-config.yaml")["repos"][0]["hooks"]
    assert local[0]["entry"].endswith("generator check")


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"^(make \w+)\s+#", readme, flags=re.M)
    assert commands == ["make site", "make test"]
    ci = [line for line in (ROOT / ".ci/run").read_text().splitlines() if line and not line.startswith("#")]
    assert ci[-1] == "make test"


def test_the_test_command_and_pre_commit_run_ruff():
    """Style is kept where it is checked: `make test` (CI) and the pre-commit hooks run the same ruff."""
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "ruff check generator tests" in recipe and "ruff format --check generator tests" in recipe
    hooks = {hook["id"]: hook["entry"] for hook in _yaml(".pre-commit-config.yaml")["repos"][0]["hooks"]}
    assert "ruff check" in hooks["ruff-check"] and "ruff format --check" in hooks["ruff-format"]
    lock = (ROOT / "requirements.lock").read_text()
    pyproject = (ROOT / "pyproject.toml").read_text()
    pinned = re.search(r'"ruff==([0-9.]+)"', pyproject).group(1)
    assert f"ruff=={pinned}" in lock.lower()


def test_the_browser_tests_skip_a_snap_stub_and_take_the_runners_chrome(tmp_path, monkeypatch):
    """On GitHub's Ubuntu runners `chromium-browser` can be a stub that only asks for a snap."""
    import browser

    stub = tmp_path / "chromium-browser"
    stub.write_text("#!/bin/sh\necho \"Command '$0' requires the chromium snap to be installed.\"\nexit 1\n")
    chrome = tmp_path / "google-chrome"
    chrome.write_text("#!/bin/sh\necho 'Google Chrome 125.0.6422.60 '\n")
    for script in (stub, chrome):
        script.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("TIMELINE_BROWSER", raising=False)
    monkeypatch.setattr(browser, "_playwright_chromium", lambda: None)
    browser.find_browser.cache_clear()
    try:
        assert browser.find_browser() == (str(chrome), "Google Chrome 125.0.6422.60")
        chrome.unlink()
        browser.find_browser.cache_clear()
        assert browser.find_browser() is None
    finally:
        browser.find_browser.cache_clear()

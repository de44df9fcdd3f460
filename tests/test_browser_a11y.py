"""Accessibility: axe-core on a page of every type of the fixture site, in both colour schemes.

axe-core is pinned in package.json / package-lock.json and installed into
node_modules/ by ``make test`` (``npm ci``). Without it these tests fail in CI
and are skipped, with the reason, elsewhere. Every violation axe finds is
written to test-output/axe/; serious and critical ones fail the test.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter

import pytest
from browser import DESKTOP, PHONE, SCREENSHOTS, serve
from conftest import ROOT
from test_browser_offline import project, search

from generator.faces.mkdocs.build import build_site

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
REPORTS = ROOT / "test-output" / "axe"
#: One page of every type the site has.
PAGES = {
    "home": "",
    "timeline": "timeline/",
    "event": "events/2024-11-deployment/",
    "figures": "figures/",
    "disputes": "disputes/",
    "sources": "sources/",
    "tags": "tags/",
    "tag": "tags/casualties/",
    "actors": "actors/",
    "actor": "actors/north-korea/",
    "page": "about/",
}
#: The scheme Material shows for each colour scheme the browser asks for (the fixture's palette follows it).
SCHEMES = {"light": "default", "dark": "slate"}
ABOUT = "---\ntitle: About\nsummary: Who keeps this timeline.\n---\nWrite to [the editors](mailto:e@example.org).\n"
FAILING = {"serious", "critical"}

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
  }));
}"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    if AXE.is_file():
        return AXE.read_text(encoding="utf-8")
    how = "run `make test` (or `npm ci`)" if shutil.which("npm") else "install Node.js and npm, then run `make test`"
    message = f"axe-core is not installed ({AXE.relative_to(ROOT)} is missing): {how}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("a11y-project")
    config = project(folder, pdf=False)
    (folder / "pages").mkdir()
    (folder / "pages" / "about.md").write_text(ABOUT, encoding="utf-8")
    site = build_site(config)
    with serve(site) as base:
        yield base


def check(page, axe_source: str, name: str) -> None:
    """Run axe on the page as it is now; write every violation down; fail on serious and critical ones."""
    # Fade-ins (the search results') would have axe measure half-transparent text.
    page.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(RUN_AXE)
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{name}.json").write_text(json.dumps(violations, indent=2), encoding="utf-8")
    counts = Counter(v["impact"] for v in violations)
    failing = [
        f"{v['impact']}: {v['id']} ({v['help']}) at {', '.join(n['target'] for n in v['nodes'][:5])}"
        for v in violations
        if v["impact"] in FAILING
    ]
    assert failing == [], f"{name}: {dict(counts)}\n" + "\n".join(failing)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violations(axe_source, browser, served, name, scheme):
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(served + PAGES[name], wait_until="networkidle")
        assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
        if scheme == "dark":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"fixture-{name}-dark.png"), full_page=True)
        check(page, axe_source, f"{name}-{scheme}")
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_no_serious_accessibility_violations_with_search_results_open(axe_source, browser, served, width, scheme):
    """The results, their highlighted words (once 3.73:1 in dark) and the snippets around them."""
    context = browser.new_context(viewport=PHONE if width == "phone" else DESKTOP, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(served + "timeline/", wait_until="networkidle")
        assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
        if width == "phone":
            page.locator("label.md-header__button[for=__search]").click()  # the search icon opens the box
        search(page, "troops")
        assert page.locator(".md-search-result mark").count() > 0
        check(page, axe_source, f"search-{width}-{scheme}")
    finally:
        context.close()

"""The MkDocs plugin: hands the generator's product to MkDocs (the MkDocs face).

``on_files`` reads and checks the event files through the pipeline (failing
the build with the same ``file:line:col`` messages as ``check``), takes them
out of MkDocs' hands and adds every generated page and file as a virtual file
(``files.py``); ``on_page_markdown`` and ``on_page_content`` put each page's
title, head and HTML, rendered and escaped by the generator, in place of
MkDocs' own; ``on_post_build`` puts the sharded search index in place of
Material's. Under ``mkdocs serve`` each rebuild renders again only what an
edit reaches, and with ``--dirty`` MkDocs writes only that (``preview.py``).
Everything else lives in the core, which does not import MkDocs.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.toc import get_toc

from ... import pipeline
from ...model.timeline import Timeline
from ...read.problems import ProblemsFound
from ...render.product import SEARCH_WORKER, Product
from ...render.site import NAV, PDF_NAME
from ...write.pdf import PdfError
from ...write.search import write_manifest
from .config import TimelineConfig
from .files import add_product, apply_page
from .preview import Preview
from .settings import pages_dir, site_of, snapshots_dir
from .theme import apply_theme

log = logging.getLogger("mkdocs.plugins.timeline")


class TimelinePlugin(BasePlugin[TimelineConfig]):
    """Validates the event files and turns them into the timeline's pages."""

    supports_multiple_instances = False
    serving = False

    def __init__(self) -> None:
        # MkDocs keeps one instance per process (a build, each rebuild of `mkdocs serve`): what
        # is kept here spares the work when the event files did not change.
        self.cache = pipeline.ValidationCache()
        self.fonts_said: set[str] = set()
        self.url_said: set[str] = set()
        self._book: tuple[tuple, bytes] | None = None
        self.product: Product | None = None
        self.preview: Preview | None = None
        self.built: Timeline | None = None  # the timeline of the last build, for its offline edition

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        self.preview = Preview(dirty) if self.serving else None

    def on_shutdown(self):
        # MkDocs keeps this instance for the whole process: a build after a preview is not one.
        if self.preview:
            self.preview.close()
        self.serving, self.preview = False, None

    def on_config(self, config):
        try:
            self.config.vocabulary()  # a bad entry stops the build here, naming it
        except ValueError as err:
            raise PluginError(f"timeline: {err}") from None
        # Each rebuild of `mkdocs serve` loads the configuration again: the change is said once
        # for each configuration file.
        if apply_theme(config, self.config.remote_fonts, config.config_file_path in self.fonts_said):
            self.fonts_said.add(config.config_file_path)
        self._say_without_site_url(config)
        self.own_nav = config.nav is None  # then the free-form pages join it once they are read (on_files)
        if self.own_nav:
            config.nav = NAV
        if not config.repo_url:
            config.edit_uri = None  # no repository, no edit link (MkDocs would warn on every event page)
        # Event pages are left out of the nav on purpose; listing them all is noise.
        config.validation.nav.omitted_files = logging.DEBUG
        return config

    def _say_without_site_url(self, config) -> None:
        """Say once per configuration file what a site without ``site_url`` lacks. Said at INFO:
        a warning would stop every strict build of a site not yet published."""
        if config.site_url or config.config_file_path in self.url_said:
            return
        self.url_said.add(config.config_file_path)
        log.info(
            "timeline: warning: site_url is not set, so feed.xml links its entries relative to itself "
            "(some feed readers cannot follow such links), sitemap.xml lists paths rather than addresses and pages "
            "have no canonical link; set site_url in %s to where the site is published",
            Path(config.config_file_path or "mkdocs.yml").name,
        )

    def timeline(self, config) -> Timeline:
        """The event files read and checked (raises ProblemsFound); unchanged files are not checked again."""
        folder = pages_dir(config, self.config)
        return pipeline.load_timeline(
            Path(config.docs_dir),
            self.config.vocabulary(),
            self.cache,
            folder,
            snapshots_dir=snapshots_dir(config, self.config),
        )

    # The last of every plugin's: from here to on_files MkDocs only lists docs_dir (preview.py).
    @event_priority(-100)
    def on_pre_build(self, *, config):
        if self.preview:
            self.preview.unlisted(config)

    @event_priority(50)
    def on_files(self, files: Files, config) -> Files:
        if self.preview:
            self.preview.listed(config)
        try:
            timeline = self.timeline(config)
        except ProblemsFound as found:
            lines = "\n".join(str(p) for p in found.problems)
            if not (self.preview and self.preview.rendered):
                raise PluginError(f"invalid event files:\n{lines}\n{found}") from found
            # A failed build would stall MkDocs' server until the files are mended: the preview
            # says what is wrong and goes on serving the last good site instead.
            log.error("invalid event files (the preview shows the last good version):\n%s\n%s", lines, found)
            timeline = self.preview.rendered.timeline
        site, search = site_of(config, self.config), _search_options(config)
        if search is not None:  # theme/main.html points Material's search box at the generator's worker
            config.extra["timeline_search_worker"] = SEARCH_WORKER
        if self.preview:  # a rebuild of `mkdocs serve`: only the pages an edit reaches are rendered again
            self.product = self.preview.product(timeline, site, search)
        else:
            self.product = pipeline.product(timeline, site, search)
        self.built = timeline
        if self.config.pdf and not self.serving:  # a book per live reload would make previews slow
            self.product = self.product.with_files({PDF_NAME: self._book_pdf(timeline, site)})
        if self.own_nav:
            config.nav = self.product.nav
        written = self.preview.same_as_written(self.product, config) if self.preview else None
        return add_product(files, self.product, config, written)

    def on_serve(self, server, *, config, builder):
        # MkDocs watches the events (docs_dir); the pages and the snapshots live beside them, and a
        # changed snapshot checks the quotes again as a changed event file does.
        for folder in (pages_dir(config, self.config), snapshots_dir(config, self.config)):
            if folder.is_dir():
                server.watch(str(folder))
        if self.preview:
            self.preview.settle()  # the first build is over, and its garbage unreachable
        return server

    def on_env(self, env, *, config, files):
        if self.preview:
            self.preview.prepare(env, files, self.product)
        return env

    def on_build_error(self, *, error):
        if self.preview:
            self.preview.failed()

    def on_page_markdown(self, markdown, *, page, config, files):
        apply_page(page, self.product)
        return markdown

    def on_page_content(self, html, *, page, config, files):
        rendered = self.product.page(page.file.src_uri) if self.product else None
        if rendered is None:
            return html
        page.toc = get_toc(rendered.toc)
        return rendered.html

    # After Material's search plugin wrote its index (priority 0), before Material's offline
    # plugin, when a site lists it, inlines that index into a script (-100): both must see the
    # generator's index. (The offline edition of `python -m generator build` inlines it itself.)
    @event_priority(-50)
    def on_post_build(self, *, config):
        if self.product is not None and self.product.search_manifest is not None:
            write_manifest(Path(config.site_dir), self.product.search_manifest)
        if self.preview:
            self.preview.built(config)

    def _book_pdf(self, timeline: Timeline, site) -> bytes:
        """The book; the one made last when nothing it shows changed (another build in this process)."""
        key = (
            tuple(timeline.events),
            tuple(timeline.pages),
            timeline.vocabulary,
            site.name,
            site.description,
            os.environ.get("SOURCE_DATE_EPOCH"),
        )
        if self._book is None or self._book[0] != key:
            try:
                self._book = (key, pipeline.book(timeline, site, progress=False))
            except PdfError as err:
                raise PluginError(f"timeline: no PDF written: {err}") from None
            log.info("timeline: wrote %s (%.1f MB)", PDF_NAME, len(self._book[1]) / 1e6)
        return self._book[1]


def _search_options(config) -> dict | None:
    """Material's search options, when its search plugin is on: the generator's index keeps them.

    Read once every plugin's on_config has run: Material's fills in its defaults there."""
    search = config.plugins.get("material/search")
    if search is None or not search.config.enabled:
        return None
    return {key: search.config[key] for key in ("lang", "separator", "pipeline", "fields")}

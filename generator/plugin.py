"""The MkDocs plugin: a thin adapter from MkDocs' hooks to the pipeline.

``on_files`` validates the event files (failing the build with the same
``file:line:col`` messages as ``check``), takes them out of MkDocs' hands and
adds the generated pages as virtual files; ``on_page_content`` puts each
page's HTML, rendered and escaped by the generator, in place of MkDocs'.
Everything else lives in modules that do not import MkDocs.
"""

from __future__ import annotations

import html
import logging
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from .config import TimelineConfig
from .exports import write_exports
from .pages import load_timeline, render_site
from .problems import ProblemsFound
from .render import RenderedPage, Site
from .searchdocs import documents
from .searchindex import write_site as write_sharded_index
from .structured import event_jsonld, head_html
from .timeline import Timeline

PDF_NAME = "timeline.pdf"
log = logging.getLogger("mkdocs.plugins.timeline")

#: The sidebar lists these pages only: events never enter the navigation,
#: where every page would list every event and builds would grow with N².
NAV = [
    {"Home": "index.md"},
    {"Timeline": "timeline.md"},
    {"Figures": "figures.md"},
    {"Sources": "sources.md"},
    {"Tags": "tags/index.md"},
    {"Actors": "actors/index.md"},
]


class TimelinePlugin(BasePlugin[TimelineConfig]):
    """Validates the event files and turns them into the timeline's pages."""

    supports_multiple_instances = False
    #: A Timeline validated by ``python -m generator build`` just before MkDocs runs.
    preloaded: Timeline | None = None
    #: A PDF of this same timeline, already written: copied rather than written again (the offline edition).
    pdf_from: Path | None = None

    serving = False

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        try:
            self.vocabulary = self.config.vocabulary()
        except ValueError as err:
            raise PluginError(f"timeline: {err}") from None
        if config.nav is None:
            config.nav = NAV
        if not config.repo_url:
            config.edit_uri = None  # no repository, no edit link (MkDocs would warn on every event page)
        # Event pages are left out of the nav on purpose; listing them all is noise.
        config.validation.nav.omitted_files = logging.DEBUG
        self.site = Site(name=config.site_name, description=config.site_description or "",
                         directory_urls=config.use_directory_urls, pdf=PDF_NAME if self.config.pdf else None,
                         page_size=self.config.page_size)
        self.pages: dict[str, RenderedPage] = {}
        return config

    @event_priority(50)
    def on_files(self, files: Files, config) -> Files:
        timeline, self.preloaded = self.preloaded, None
        try:
            timeline = timeline or load_timeline(Path(config.docs_dir), self.vocabulary)
        except ProblemsFound as found:
            lines = "\n".join(str(p) for p in found.problems)
            raise PluginError(f"invalid event files:\n{lines}\n{found}") from found
        for file in list(files):
            if file.src_uri.endswith(".md") and not file.generated_by:
                files.remove(file)  # event sources: rendered by the generator, never by MkDocs
        self.timeline = timeline
        self.pages = {page.src_uri: page for page in render_site(timeline, self.site)}
        for page in self.pages.values():
            file = File.generated(config, page.src_uri, content="")
            if page.source:  # "Edit this page" opens the event's own file
                file.edit_uri = Path(page.source).resolve().relative_to(Path(config.docs_dir).resolve()).as_posix()
            files.append(file)
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        rendered = self.pages.get(page.file.src_uri)
        if rendered:
            page.meta["title"] = rendered.title_html
            page.meta["description"] = html.escape(rendered.description, quote=True)
            page.meta["search"] = {"exclude": True}  # indexed from the generator's own fragments (searchdocs.py)
            page.meta["timeline_lastmod"] = rendered.lastmod
            if rendered.lastmod:  # MkDocs dates the sitemap's gzip header from this; the clock otherwise
                page.update_date = rendered.lastmod
            page.meta["timeline_head"] = head_html(
                title=rendered.title, description=rendered.description, site_name=config.site_name,
                url=page.canonical_url, kind="article" if rendered.event else "website",
                jsonld=event_jsonld(rendered.event, page.canonical_url) if rendered.event else None,
            )
        return markdown

    # After Material's search plugin wrote its index (priority 0), before its offline plugin
    # inlines that index into a script (-100): both must see the sharded index.
    @event_priority(-50)
    def on_post_build(self, *, config):
        site_dir = Path(config.site_dir)
        search = config.plugins.get("material/search")
        if search is not None and search.config.enabled:
            write_search_index(site_dir, search, documents(self.pages.values(), config.use_directory_urls))
        write_exports(self.timeline, site_dir, site_name=config.site_name,
                      site_url=config.site_url or None, directory_urls=config.use_directory_urls)
        if self.config.pdf and self.pdf_from:
            shutil.copyfile(self.pdf_from, site_dir / PDF_NAME)
        elif self.config.pdf and not self.serving:  # a book per live reload would make previews slow
            from .pdf import PdfError, write_pdf

            try:
                result = write_pdf(self.timeline, site_dir / PDF_NAME, site_name=config.site_name,
                                   description=config.site_description or "")
            except PdfError as err:
                raise PluginError(f"timeline: no PDF written: {err}") from None
            log.info("timeline: wrote %s (%d pages in %.1f s)", PDF_NAME, result.pages, result.seconds)

    def on_page_content(self, html, *, page, config, files):
        rendered = self.pages.get(page.file.src_uri)
        if rendered is None:
            return html
        page.toc = get_toc(rendered.toc)
        return rendered.html


def write_search_index(site_dir: Path, search, docs) -> None:
    """Put the sharded index of ``docs`` in place of Material's (see generator/searchindex.py),
    keeping the search options of Material's plugin (language, separator, pipeline)."""
    options = search.search_index.config
    config = {key: options[key] for key in ("lang", "separator", "pipeline", "fields")}
    stats = write_sharded_index(site_dir, docs, config=config)
    log.info("timeline: wrote the search index (%d documents, %d files, %.1f MB)",
             stats["docs"], stats["files"], stats["bytes"] / 1e6)

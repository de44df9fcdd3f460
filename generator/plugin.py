"""The MkDocs plugin: a thin adapter from MkDocs' hooks to the pipeline."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .config import TimelineConfig


class TimelinePlugin(BasePlugin[TimelineConfig]):
    """Validates the event files and turns them into the timeline's pages."""

    def on_config(self, config):
        try:
            self.vocabulary = self.config.vocabulary()
        except ValueError as err:
            raise PluginError(f"timeline: {err}") from None
        return config

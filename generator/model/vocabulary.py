"""Vocabularies: the tags, actors and figures an event may name.

Declared once in ``mkdocs.yml`` (the timeline plugin's options) so that the
timeline stays consistent: a typo in an event file is an error with a "did you
mean" hint, not a new tag. Part of the model: read by the "check" step and by the renderer.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Figure:
    """A quantity that sources give numbers for, e.g. North Korean soldiers killed."""

    id: str
    label: str
    unit: str


@dataclass(frozen=True)
class Vocabulary:
    """What tags, actors and figures exist, with their display labels."""

    tags: dict[str, str] = field(default_factory=dict)
    actors: tuple[str, ...] = ()
    figures: dict[str, Figure] = field(default_factory=dict)

    @classmethod
    def from_options(cls, tags: Any, actors: Any, figures: Any) -> Vocabulary:
        """Build from the plugin options; raise ValueError naming the bad entry.

        >>> v = Vocabulary.from_options({"casualties": "Casualties"}, ["Russia"],
        ...     {"killed": {"label": "Killed", "unit": "soldiers"}})
        >>> v.figures["killed"].unit
        'soldiers'
        >>> Vocabulary.from_options({"Bad Tag": "x"}, [], {})
        Traceback (most recent call last):
        ValueError: tags: 'Bad Tag' must be lowercase letters, digits and hyphens, like 'troop-deployment'
        """
        if not isinstance(tags, dict):
            raise ValueError("tags: a mapping of tag -> label, like 'casualties: Casualties'")
        for tag, label in tags.items():
            _check_slug("tags", tag)
            if not isinstance(label, str) or not label.strip():
                raise ValueError(f"tags: '{tag}' needs a label, like '{tag}: {tag.replace('-', ' ').capitalize()}'")
        if not isinstance(actors, list) or not all(isinstance(a, str) and a.strip() for a in actors):
            raise ValueError("actors: a list of names, like [North Korea, Russia]")
        if len(set(actors)) != len(actors):
            raise ValueError("actors: each name once")
        if not isinstance(figures, dict):
            raise ValueError("figures: a mapping of figure id -> {label, unit}")
        return cls(dict(tags), tuple(actors), {k: _figure(k, v) for k, v in figures.items()})

    def suggest(self, kind: str, word: str) -> str:
        """A " (did you mean ...?)" hint, or where to declare the word when nothing is close.

        >>> Vocabulary({"casualties": "C"}).suggest("tags", "casualty")
        " (did you mean 'casualties'?)"
        >>> Vocabulary().suggest("actors", "Rome")
        " (add it to the timeline plugin's 'actors' there, or use one that is declared)"
        """
        known = {"tags": list(self.tags), "actors": list(self.actors), "figures": list(self.figures)}[kind]
        by_lower = {k.lower(): k for k in known}
        close = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.6)
        if close:
            return f" (did you mean '{by_lower[close[0]]}'?)"
        return f" (add it to the timeline plugin's '{kind}' there, or use one that is declared)"


def _check_slug(kind: str, value: Any) -> None:
    if not isinstance(value, str) or not SLUG.match(value):
        raise ValueError(f"{kind}: '{value}' must be lowercase letters, digits and hyphens, like 'troop-deployment'")


def _figure(key: Any, spec: Any) -> Figure:
    _check_slug("figures", key)
    if not isinstance(spec, dict) or set(spec) != {"label", "unit"}:
        raise ValueError(f"figures: '{key}' needs exactly a label and a unit, like {{label: Killed, unit: soldiers}}")
    if not all(isinstance(spec[k], str) and spec[k].strip() for k in ("label", "unit")):
        raise ValueError(f"figures: '{key}' label and unit must be text")
    return Figure(key, spec["label"], spec["unit"])

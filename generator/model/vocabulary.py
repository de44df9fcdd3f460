"""Vocabularies: the tags, actors and figures an event may name.

Declared once in ``mkdocs.yml`` (the timeline plugin's options) so that the
timeline stays consistent: a typo in an event file is an error with a "did you
mean" hint, not a new tag. Part of the model: read by the "check" step and by the renderer.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: Names the site's own pages and anchors use, which no event id or vocabulary slug may take: the
#: index page of a folder (``tags/index.md``), the anchors of every event page (references,
#: figures-reported, dates-reported, ref-1, ref-2, ...) and of the figures page (figures), and the
#: generator's own ids and classes (``tl-...``), which its scripts look up (``tl-filters``).
RESERVED = frozenset({"index", "references", "figures-reported", "dates-reported", "figures"})
RESERVED_PATTERN = re.compile(r"ref-[0-9]+|tl-.*")


def reserved(slug: str) -> bool:
    """Whether a slug is one the site's own pages or anchors use.

    >>> reserved("ref-1"), reserved("tl-filters"), reserved("index"), reserved("casualties")
    (True, True, True, False)
    """
    return slug in RESERVED or RESERVED_PATTERN.fullmatch(slug) is not None


def slugify(text: str, limit: int = 60, fallback: str = "event") -> str:
    """A file-name-safe slug (``fallback`` when the text has no ASCII letter or digit).

    >>> slugify("Kim Jong Un's troops: Kursk, 2025!")
    'kim-jong-un-s-troops-kursk-2025'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or fallback


def actor_slug(actor: str) -> str:
    """The slug of an actor's page: the name's ASCII letters and digits, or, for a name with none
    (Hangul, Cyrillic), ``actor-`` and a short hash of the name.

    >>> actor_slug("Kim Jong Un"), actor_slug("김정은")
    ('kim-jong-un', 'actor-b663e70a')
    """
    return slugify(actor, fallback="") or "actor-" + hashlib.sha256(actor.encode()).hexdigest()[:8]


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
        _check_actor_pages(actors)
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
    if reserved(value):
        raise ValueError(f"{kind}: '{value}' is a name the site's own pages or anchors use: choose another")


def _check_actor_pages(actors: list[str]) -> None:
    """Each actor gets a page of its own: no two names may share one, nor take the index's."""
    pages: dict[str, str] = {}
    for actor in actors:
        slug = actor_slug(actor)
        if reserved(slug):
            raise ValueError(f"actors: '{actor}' would take the page actors/{slug}/ the site uses: rename it")
        if slug in pages:
            raise ValueError(
                f"actors: '{pages[slug]}' and '{actor}' would share the page actors/{slug}/: keep one name"
            )
        pages[slug] = actor


def _figure(key: Any, spec: Any) -> Figure:
    _check_slug("figures", key)
    if not isinstance(spec, dict) or set(spec) != {"label", "unit"}:
        raise ValueError(f"figures: '{key}' needs exactly a label and a unit, like {{label: Killed, unit: soldiers}}")
    if not all(isinstance(spec[k], str) and spec[k].strip() for k in ("label", "unit")):
        raise ValueError(f"figures: '{key}' label and unit must be text")
    return Figure(key, spec["label"], spec["unit"])

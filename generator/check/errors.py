"""Turn pydantic's validation errors into Problems that teach (the "check" step).

Pydantic says "Extra inputs are not permitted" at a location tuple; a
contributor needs "events/x.md:7:3: unknown key 'titel' (did you mean
'title'?)". This module finds the line and column of the location in the
file and rewrites each message to say what a correct value looks like.
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from ..read.problems import Problem
from ..read.reader import RawEvent
from ..read.yamlstrict import Location

SLUG_HINT = "lowercase letters, digits and hyphens, like 'kursk-incursion'"
#: Keys that were once allowed, and what says the same thing now.
RETIRED_KEYS = {
    ("sources", "via"): (
        "name the site you read in 'outlet', and the outlet it comes from in 'origin' with 'origin_link'"
    ),
}


def problems_from(error: ValidationError, raw: RawEvent, model: type[BaseModel]) -> list[Problem]:
    """One Problem per pydantic error, placed at the offending key or value."""
    found = []
    for item in error.errors(include_url=False):
        loc = _data_location(raw.data, item["loc"])
        found.append(_problem(item, loc, raw, model))
    return found


def _data_location(data: Any, loc: tuple) -> Location:
    """Keep the parts of pydantic's location that index the data (drop union tags)."""
    kept: list[str | int] = []
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(data, dict) and isinstance(part, str) and kept[-1:] != [part]:
            kept.append(part)  # a missing key: keep it so the message can name it
            break
        else:
            break
        kept.append(part)
    return tuple(kept)


def _problem(item: dict, loc: Location, raw: RawEvent, model: type[BaseModel]) -> Problem:
    kind, value, ctx = item["type"], item.get("input"), item.get("ctx") or {}
    name = _name(loc)
    if kind == "missing":
        return raw.problem(loc[:-1], f"missing required key '{loc[-1]}'{_where(loc[:-1])}", key=True)
    if kind == "extra_forbidden":
        return raw.problem(loc, _unknown_key(loc, model), key=True)
    if kind == "edtf":
        quoted = 1 if loc in raw.doc.quoted else 0
        return raw.problem(loc, f"{name}: {ctx['message']}", offset=ctx.get("column", 0) + quoted)
    return raw.problem(loc, f"{name}: {_message(kind, value, ctx, item['msg'], loc)}")


def _message(kind: str, value: Any, ctx: dict, default: str, loc: Location) -> str:
    if kind in ("string_type", "model_type", "list_type", "dict_type") and value is None:
        return "is empty: give a value or remove the key"
    if kind == "string_type":
        return f"must be text, not {_kind_of(value)}"
    if kind in ("model_type", "dict_type"):
        return f"must be a mapping of keys, not {_kind_of(value)}"
    if kind == "list_type":
        hint = f" (write [{value}])" if isinstance(value, str) else ""
        return f"must be a list, not {_kind_of(value)}{hint}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long: at most {ctx.get('max_length')} characters"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern"))
        if pattern.endswith(".txt$"):
            return "must name a file of the snapshots folder: lowercase letters, digits and hyphens, then '.txt'"
        return f"must be {SLUG_HINT}" if "a-z0-9" in pattern else "must fit on one line"
    if kind == "too_short":
        least = ctx.get("min_length")
        return f"needs at least {least} entr{'y' if least == 1 else 'ies'}"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        words = [w.strip(" '") for w in expected.replace(" or ", ", ").split(",")]
        close = difflib.get_close_matches(str(value), words, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"'{value}' is not one of {', '.join(words)}{hint}"
    if kind in ("number", "url"):
        return default
    return default


def _unknown_key(loc: Location, model: type[BaseModel]) -> str:
    allowed = _fields_at(model, loc[:-1])
    retired = RETIRED_KEYS.get((loc[0], loc[-1]))
    if retired and loc[-1] not in allowed:
        return f"'{loc[-1]}' is no longer a key{_where(loc[:-1])}: {retired}"
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(allowed)})"
    return f"unknown key '{loc[-1]}'{_where(loc[:-1])}{hint}"


def _fields_at(model: type[BaseModel], loc: Location) -> list[str]:
    """The field names allowed at a location, following nested models and lists."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = current.model_fields[part].annotation
        args = getattr(annotation, "__args__", ())
        current = next((a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), annotation)
    return list(current.model_fields)


def _where(loc: Location) -> str:
    parent = next((p for p in reversed(loc) if isinstance(p, str)), None)
    return f" in an entry of '{parent}'" if parent else ""


def _name(loc: Location) -> str:
    key = next((p for p in reversed(loc) if isinstance(p, str)), "front-matter")
    return f"'{key}' entry" if loc and isinstance(loc[-1], int) else f"'{key}'"


def _kind_of(value: Any) -> str:
    return {dict: "a mapping", list: "a list"}.get(type(value), "a single value")

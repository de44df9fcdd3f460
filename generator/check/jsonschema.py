"""The JSON Schema of an event file's front-matter, generated from the models.

Editors that validate YAML against a schema use it to flag mistakes as you
type; ``python -m generator schema`` rewrites it, and a test fails when the
committed copy is stale. The schema describes the text contributors write:
numbers and dates are strings there because the strict reader hands the
schema text, never YAML's guesses.
"""

from __future__ import annotations

import json
from pathlib import Path

from .schema import EventMeta

#: Beside the package's modules, where editors and the `new` command's modeline find it.
SCHEMA_FILE = Path(__file__).resolve().parents[1] / "event.schema.json"
SCHEMA_ID = "event.schema.json"


def event_schema() -> dict:
    schema = EventMeta.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Timeline event front-matter"
    return schema


def schema_text() -> str:
    return json.dumps(event_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schema(path: Path = SCHEMA_FILE) -> Path:
    path.write_text(schema_text(), encoding="utf-8")
    return path

"""events.csv opens as text in a spreadsheet, whatever separator the import uses.

Where the comma is the decimal mark, spreadsheets import CSV split on semicolons or tabs; some
importers split before they read quotes at all. Every piece any of those would make of a cell must
start as text, never as a formula (=, +, -, @).
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from conftest import TODAY, VOCABULARY

from generator.check.validate import validate_file
from generator.model.timeline import Timeline
from generator.render.exports import csv_export

EVENT = """---
title: "Kursk;=HYPERLINK(\\"http://evil.example\\",\\"x\\")"
date: "2025-01-01"
summary: "Losses\\t=1+1 and b,@SUM(1); -2+3\\nthen\\n+cmd|' /C calc'!A0"
location: "\\"x\\";\\"=IMPORTXML(1)\\""
actors: [Russia]
sources:
  - id: a
    outlet: "Outlet;@x"
---
Body.[^a]
"""
FORMULA = re.compile(r"^[ \"]*[=+\-@]")


def _csv_text(tmp_path) -> str:
    path = tmp_path / "event.md"
    path.write_text(EVENT, encoding="utf-8")
    event, problems = validate_file(path, VOCABULARY, TODAY)
    assert problems == [] and event is not None
    return csv_export.render(Timeline([event], VOCABULARY))


@pytest.mark.parametrize("separator", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
def test_no_cell_is_a_formula_whatever_the_separator_and_quoting(tmp_path, separator):
    text = _csv_text(tmp_path)
    quoted = [field for row in csv.reader(io.StringIO(text), delimiter=separator) for field in row]
    unquoted = [field for line in re.split(r"[\r\n]", text) for field in line.split(separator)]
    formulas = [field for field in quoted + unquoted if FORMULA.match(field)]
    assert formulas == []


def test_the_text_is_all_there_after_the_guard(tmp_path):
    row = next(r for r in csv.DictReader(io.StringIO(_csv_text(tmp_path))) if r["id"] == "event")
    assert row["title"] == 'Kursk;\'=HYPERLINK("http://evil.example","x")'
    assert row["summary"] == "Losses\t'=1+1 and b,'@SUM(1); '-2+3\nthen\n'+cmd|' /C calc'!A0"
    assert row["outlets"] == "Outlet;'@x"

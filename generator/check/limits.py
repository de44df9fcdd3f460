"""Limits on what one event file may cost, so that a hostile file fails fast and clearly.

Event files come from pull requests: any of them may be built to hurt the build
(a YAML alias bomb, a 100,000-deep nesting, a body Python-Markdown takes
minutes to render, a table the book takes minutes to lay out). Each limit turns
such a file into a Problem that names it:

======================================  ==================================  ==============================
limit                                   where                               value
======================================  ==================================  ==============================
file size                               ``read/reader.py`` MAX_BYTES        256 KiB
YAML nesting depth                      ``read/yamlnodes.py`` MAX_DEPTH     12 levels
entries in one YAML list/mapping        ``read/yamlnodes.py`` MAX_ENTRIES   1,000
length of every text field              ``check/schema.py`` (max_length)    300 (one line) / 2,000 (prose)
digits in a number                      ``check/schema.py`` MAX_DIGITS      15
sources; one footnote; all footnotes    ``check/rules.py`` MAX_SOURCES ...  20; 1,000; 2,000 characters
body size                               ``check/body.py`` MAX_BODY_CHARS    65,536 characters
body nesting (quotes, lists)            ``check/body.py`` MAX_BODY_DEPTH    16 levels
body lines; lines of one block          ``check/bodyshape.py``              2,000; 200
markup characters: one block; the body  ``check/bodyshape.py``              500; 10,000
square brackets; ``<`` in the body      ``check/bodyshape.py``              2,000; 1,000
table columns; cells of one table; all  ``check/bodyshape.py``              8; 600; 1,200
problems printed per file               ``check/validate.py`` MAX_PROBLEMS  100, then a count of the rest
======================================  ==================================  ==============================

Every limit counts size or work, never time: the same file gets the same
verdict on any machine, idle or loaded, so a pull request never passes or
fails by the mood of the machine that checks it. The counts stand where time
would go: ``bodyshape`` counts what makes Python-Markdown slow (measured shape
by shape), and the book's inputs (tables, footnotes) are bounded the same way.
"""

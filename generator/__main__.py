"""``python -m generator``: the command line (``faces/cli``)."""

import sys

from .faces.cli.main import main

sys.exit(main())

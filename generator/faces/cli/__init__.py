"""The command line: one module per command, each a thin face over the pipeline."""

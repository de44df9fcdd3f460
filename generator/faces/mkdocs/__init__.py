"""The MkDocs face: the plugin, its options, reading mkdocs.yml, and builds driven by MkDocs."""

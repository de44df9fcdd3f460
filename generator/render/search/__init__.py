"""Search: documents from the rendered pages, and the sharded index the site's worker reads."""

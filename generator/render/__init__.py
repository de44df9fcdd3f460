"""Render: the model -> pages, data files, the search index and the book, as text (step 4)."""

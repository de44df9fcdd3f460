"""Write: the rendered site as files: a tree on disk, the book as a PDF, an archive, a swap (step 5)."""

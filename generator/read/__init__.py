"""Read: event files from disk into front-matter data with positions, and bodies (step 1)."""

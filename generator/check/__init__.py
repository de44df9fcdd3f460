"""Check: front-matter and bodies against the schema, the rules and the limits -> model Events (step 2)."""

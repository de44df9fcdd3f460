"""Model: events, their dates and the timeline that orders and indexes them (step 3)."""

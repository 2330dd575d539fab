"""Inside a story: entities, quotes, quantities, timeline, summary and discrepancies."""

"""Pure functions on columns: shaping rows, ranking, figures, lookup, editions, composites."""

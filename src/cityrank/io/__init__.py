"""Reading: sources, decoding, dialect, the CSV and Arrow readers, column detection."""

"""The domain: rows, enums, errors, validation and the pure rules (no I/O, no SQL, no Textual)."""

"""The stdlib ``sqlite3`` side of storage: open, check and migrate the file, DDL, backups,
bulk writes and the fast reads (no ORM imported here)."""

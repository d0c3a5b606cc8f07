"""Everything that speaks SQL: the database file, its schema, the ORM models, SQLite errors.

:mod:`leadtui.storage.sqlite` is the stdlib ``sqlite3`` side (opening and checking the
file, DDL, backups, bulk writes and the fast reads); the ORM (:mod:`.models`) is
imported only by the store's writes, never on the start-up path.
"""

"""The PostgreSQL backend (team mode): psycopg 3 for the fast reads, COPY for bulk loads,
a ``tsvector`` search index, and the shared SQLModel models on a ``postgresql+psycopg``
engine. Only this package imports ``psycopg``; it never imports :mod:`leadtui.storage.sqlite`
(both are checked by import-linter)."""

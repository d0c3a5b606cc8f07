"""The schema version, apart from the models so the start-up check needs no ORM."""

SCHEMA_VERSION = 14

"""Widgets: take data by attributes, post messages up, never call the store."""

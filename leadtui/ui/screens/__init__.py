"""Screens: the only UI code that calls the store."""

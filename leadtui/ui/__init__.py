"""The Textual app: :mod:`.app`, its screens, widgets and stylesheet (the only layer using
Textual)."""

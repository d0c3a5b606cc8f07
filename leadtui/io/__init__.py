"""Import and export: CSV and vCard in, CSV, vCard and JSON out, and erasure.

Core package: no Textual here. The store's import/export methods are thin
wrappers over these modules.
"""

"""Renderers: they return documents (str, bytes, python-docx objects) and never save them."""

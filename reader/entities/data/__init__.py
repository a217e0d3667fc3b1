"""Data files for reader.entities (a package so that setuptools ships them)."""

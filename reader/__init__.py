"""reader: a terminal news reader that understands the story."""

__version__ = "0.1.0"

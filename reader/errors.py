"""The one base class for every error a user can cause and fix (bad config, broken store, ...).

Its ``str()`` is a single line that names the file (and line) or URL involved; the
CLI prints it as ``reader: <message>`` and never a traceback.
"""


class ReaderError(Exception):
    """A problem the user can act on; the message is one line."""

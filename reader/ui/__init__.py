"""The Textual app.  The only package of ``reader`` that imports Textual.

Start it with ``ReaderApp(config, db_path).run()`` from :mod:`reader.ui.app`.
"""
